;; RUN: %mwasm wast %s | FileCheck %s
;; A script made of module fields only is one module (as in the suite's inline-module.wast).
(func (export "f") (result i32) i32.const 1) (memory 0)
;; CHECK: inline-module.wast: 1 passed, 0 failed
