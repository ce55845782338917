(module (func (drop (ref.func 0))))
