;; RUN: %mwasm wast --spec=2.0 %s | FileCheck %s
;; RUN: not %mwasm wast %s | FileCheck %s --check-prefix=V3
;; --spec=2.0 validates by the 2.0 rules: a second memory is invalid there, valid in 3.0.
(assert_invalid (module (memory 1) (memory 1)) "multiple memories")
;; CHECK: spec20.wast: 1 passed, 0 failed
;; V3: spec20.wast:[[@LINE-2]]: assert_invalid: valid, expected "multiple memories"
