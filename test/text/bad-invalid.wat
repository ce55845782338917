;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; RUN: %mwasm wat2wasm --no-check %s -o %t.wasm
;; Well-formed but invalid: wat2wasm validates the result unless --no-check.
(module
  (func (result i32) (i64.const 1)))
;; CHECK: bad-invalid.wat: error: {{.*}}type mismatch
