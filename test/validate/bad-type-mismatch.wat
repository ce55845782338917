;; RUN: wat2wasm --no-check %s -o %t.wasm --debug-names
;; RUN: not %mwasm validate %t.wasm 2>&1 | FileCheck %s
;; A binary operator given an f32: the message names the function, offset and instruction.
(module
  (func $ok)
  (func $f (result i32)
    i32.const 1
    f32.const 2
    i32.add))
;; CHECK: {{.*}}.wasm: function 1 ($f) at offset 0x{{[0-9a-f]+}}: i32.add: type mismatch: expected i32, found f32
