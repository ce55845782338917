;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; i32.const takes values from -2^31 to 2^32-1.
(module
  (func (result i32) (i32.const 0x1_0000_0000)))
;; CHECK: bad-constant-range.wat:4:33: error: constant out of range
;; CHECK-NEXT: {{^}}  (func (result i32) (i32.const 0x1_0000_0000)))
;; CHECK-NEXT: {{^}}                                ^
