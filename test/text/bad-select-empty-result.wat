;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; `select (result)` assembles to a typed select with no types (0x1c 0x00), which the validator
;; rejects with the suite's text (select.wast), instead of silently becoming a plain select.
(module (func $arity-0 (select (result) (nop) (nop) (i32.const 1))))
;; CHECK: error: function 0 at offset 0x{{[0-9a-f]+}}: select: invalid result arity
