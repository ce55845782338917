;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm run --trace --invoke f %t.wasm 3 | FileCheck %s
;; REQUIRES: wat2wasm
;; --trace prints each executed instruction with its function and offset, in execution order.
(module
  (func (export "f") (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1))))
;; CHECK: func[0]+0x2 local.get 0
;; CHECK-NEXT: func[0]+0x4 i32.const 1
;; CHECK-NEXT: func[0]+0x6 i32.add
;; CHECK-NEXT: func[0]+0x7 end
;; CHECK-NEXT: Result: 4
