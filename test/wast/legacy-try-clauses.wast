;; RUN: %mwasm wast %s | FileCheck %s
;; Legacy exception handling: `catch_all` is the last clause of a `try` and `delegate` replaces
;; the clauses, in both the folded and the flat form.
(module
  (tag $e)
  (func (try (do) (catch $e) (catch $e) (catch_all)))
  (func (try (do) (delegate 0)))
  (func try catch $e catch_all end)
  (func block try delegate 0 end))
(assert_malformed (module quote "(tag $e) (func (try (do) (catch_all) (catch_all)))") "unexpected token")
(assert_malformed (module quote "(tag $e) (func (try (do) (catch_all) (catch $e)))") "unexpected token")
(assert_malformed (module quote "(tag $e) (func (try (do) (catch $e) (delegate 0)))") "unexpected token")
(assert_malformed (module quote "(func (try (do) (catch_all) (delegate 0)))") "unexpected token")
(assert_malformed (module quote "(tag $e) (func try catch_all catch_all end)") "unexpected token")
(assert_malformed (module quote "(tag $e) (func try catch $e delegate 0)") "unexpected token")
(assert_malformed (module quote "(tag $e) (func (catch $e))") "unexpected token")
;; CHECK: legacy-try-clauses.wast: 8 passed, 0 failed
