;; RUN: not %mwasm wat2wasm %s -o %t.wasm 2>&1 | FileCheck %s --match-full-lines --strict-whitespace
;; An error inside (module quote "...") is reported at its line:col in this file (through the
;; string pieces and their escapes), with the caret under it.
(module quote
  "(func $\u{41}\u{42} (result i32)"
  "  (i32.const 0x\u{31}) (i32.bad \"\\41\"))")
;; CHECK:{{.*}}bad-quote-position.wat:6:28: error: unknown operator i32.bad
;; CHECK-NEXT:  "  (i32.const 0x\u{31}) (i32.bad \"\\41\"))")
;; CHECK-NEXT:                           ^
