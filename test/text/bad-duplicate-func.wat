;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; Two functions may not share an id.
(module
  (func $f)
  (func $f))
;; CHECK: bad-duplicate-func.wat:5:9: error: duplicate func $f
;; CHECK-NEXT: {{^}}  (func $f))
;; CHECK-NEXT: {{^}}        ^
