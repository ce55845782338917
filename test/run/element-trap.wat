;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke call %t.wasm 2 | FileCheck %s --check-prefix=NULL
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke call %t.wasm 7 | FileCheck %s --check-prefix=OOR
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke tail %t.wasm 2 | FileCheck %s --check-prefix=NULL
;; RUN: %mwasm run --invoke call %t.wasm 1 | FileCheck %s --check-prefix=OK
;; REQUIRES: wat2wasm
;; call_indirect traps name the table index as the reference interpreter does (bulk.wast
;; expects "uninitialized element 2").
(module
  (table 3 funcref)
  (elem (i32.const 0) $zero $one)
  (func $zero (result i32) (i32.const 0))
  (func $one (result i32) (i32.const 1))
  (func $call (export "call") (param i32) (result i32)
    (call_indirect (result i32) (local.get 0)))
  (func $tail (export "tail") (param i32) (result i32)
    (return_call_indirect (result i32) (local.get 0))))
;; NULL: trap: uninitialized element 2{{$}}
;; NULL-NEXT: at func[{{[23]}}]
;; NULL: exit: 134
;; OOR: trap: undefined element 7{{$}}
;; OOR: exit: 134
;; OK: Result: 1
