;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; An unknown instruction name is reported at its token with a caret.
(module
  (func (i32.frob (i32.const 1)) drop))
;; CHECK: bad-unknown-operator.wat:4:10: error: unknown operator i32.frob
;; CHECK-NEXT: {{^}}  (func (i32.frob (i32.const 1)) drop))
;; CHECK-NEXT: {{^}}         ^
