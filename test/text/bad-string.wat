;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s
;; Names must be valid UTF-8; \u{...} escapes must be code points.
(module
  (func (export "\ff")))
;; CHECK: bad-string.wat:4:17: error: malformed UTF-8 encoding
