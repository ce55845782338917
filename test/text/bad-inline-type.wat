;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; Inline params and results must agree with the (type x) they accompany.
(module
  (type $t (func (param i32)))
  (func (type $t) (param i64)))
;; CHECK: bad-inline-type.wat:5:9: error: inline function type
