;; RUN: %mwasm wast %s | FileCheck %s
;; RUN: not %mwasm wast --spec=2.0 %s | FileCheck %s --check-prefix=V2
;; The 3.0 reference parser's wording for lexical errors: a `$` or `(@` without a name (also when
;; the string after it is malformed), an unclosed string, and an out-of-range lane index (a u8
;; literal in 3.0; 2.0 said "malformed lane index").
(assert_malformed (module quote "(func $)") "empty identifier")
(assert_malformed (module quote "(func $(@a))") "empty identifier")
(assert_malformed (module quote "(func $ \"a\")") "empty identifier")
(assert_malformed (module quote "(func $\"a\nb\")") "empty identifier")
(assert_malformed (module quote "(func $\"a\tb\")") "empty identifier")
(assert_malformed (module quote "(@\"\n\")") "empty annotation id")
(assert_malformed (module quote "(@x \"") "unclosed string")
(assert_malformed (module quote "(func (result i32) (i32x4.extract_lane 256 (v128.const i32x4 0 0 0 0)))") "i8 constant out of range")
;; V2: malformed-wording.wast:[[@LINE-1]]: assert_malformed: got "malformed lane index", expected "i8 constant out of range"
(assert_malformed (module quote "(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))") "i8 constant out of range")
;; V2: malformed-wording.wast:[[@LINE-1]]: assert_malformed: got "malformed lane index", expected "i8 constant out of range"
;; CHECK: malformed-wording.wast: 9 passed, 0 failed
;; V2: malformed-wording.wast: 7 passed, 2 failed
