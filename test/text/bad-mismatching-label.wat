;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; `end $l` must name the block it closes.
(module
  (func block $a nop end $b))
;; CHECK: bad-mismatching-label.wat:4:26: error: mismatching label
;; CHECK-NEXT: {{^}}  (func block $a nop end $b))
;; CHECK-NEXT: {{^}}                         ^
