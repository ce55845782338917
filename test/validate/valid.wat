;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm validate %t.wasm %t.wasm | FileCheck %s
;; Valid modules print one line per file and exit 0.
(module
  (memory 1)
  (func (export "f") (param i32) (result i32)
    (block (result i32) (local.get 0) (br_if 0 (i32.const 1)))
    (i32.load (local.get 0))
    i32.add))
;; CHECK: .wasm: valid
;; CHECK-NEXT: .wasm: valid
