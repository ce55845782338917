(module (func (export "spin") (loop br 0)))
(invoke "spin")
