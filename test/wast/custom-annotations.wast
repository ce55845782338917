;; RUN: %mwasm wast %s | FileCheck %s
;; assert_malformed_custom / assert_invalid_custom: the custom annotations' own errors (the
;; reference interpreter's messages), reported by the parser and, for a branch hint on an
;; instruction other than if/br_if, by the validator.
(module (@name "M") (@custom "c" (after func) "bytes") (func (@name "f")))
(assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
(assert_malformed_custom (module quote "(@custom \"a\" (before types))") "@custom annotation: malformed section kind")
(assert_malformed_custom (module quote "(@custom \"a\" (aft type))") "@custom annotation: malformed placement")
(assert_malformed_custom (module quote "(@custom \"a\" here)") "@custom annotation: unexpected token")
(assert_malformed_custom (module quote "(func (nop (@custom \"a\")))") "misplaced @custom annotation")
(assert_malformed_custom (module quote "(module (@name \"a\") (@name \"b\"))") "@name annotation: multiple module")
(assert_malformed_custom (module quote "(module (func) (@name \"a\"))") "misplaced @name annotation")
(assert_malformed_custom (module quote "(func (@metadata.code.branch_hint \"\\01\") (@metadata.code.branch_hint \"\\01\") (if (i32.const 0) (then)))") "@metadata.code.branch_hint annotation: duplicate annotation")
(assert_malformed_custom (module quote "(@metadata.code.branch_hint \"\\01\") (func)") "@metadata.code.branch_hint annotation: not in a function")
(assert_malformed_custom (module quote "(func (@metadata.code.branch_hint \"\\02\") (if (i32.const 0) (then)))") "@metadata.code.branch_hint annotation: invalid hint value")
(assert_invalid_custom (module (func (@metadata.code.branch_hint "\01") (drop (i32.const 0)))) "@metadata.code.branch_hint annotation: invalid target")
;; An annotation that is not one of these is ignored.
(module (@other (@custom)) (func (@names)))
;; CHECK: custom-annotations.wast: 13 passed, 0 failed
