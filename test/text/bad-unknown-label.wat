;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; A symbolic label must name an enclosing block.
(module
  (func (block $a (br $b))))
;; CHECK: bad-unknown-label.wat:4:23: error: unknown label
;; CHECK-NEXT: {{^}}  (func (block $a (br $b))))
;; CHECK-NEXT: {{^}}                      ^
