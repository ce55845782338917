;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; align= must be a power of two.
(module
  (memory 1)
  (func (drop (i32.load align=3 (i32.const 0)))))
;; CHECK: bad-alignment.wat:5:25: error: alignment must be a power of two
;; CHECK-NEXT: {{^}}  (func (drop (i32.load align=3 (i32.const 0)))))
;; CHECK-NEXT: {{^}}                        ^
