;; RUN: %mwasm wat2wasm %s -o %t.wasm
;; RUN: %mwasm dump %t.wasm | FileCheck %s
;; The custom annotations: @custom places a custom section (default: after the last section),
;; @name fills the name section, @metadata.code.branch_hint gives the branch hint section (before
;; the code section; offsets from the start of the body, after its size).
(module (@name "M")
  (type $t (func (param i32)))
  (@custom "s1" (before global) "x" "\01")
  (@custom "s2" (after func) "y")
  (func (@name "λ") (type $t)
    local.get 0
    (@metadata.code.branch_hint "\01") if
      nop
    end
    (@metadata.code.branch_hint "\00")
    (br_if 0 (local.get 0)))
  (global i32 (i32.const 0))
  (@custom "s3" "z"))
;; CHECK: Function (id 3)
;; CHECK: Custom (id 0) {{.*}} "s2"
;; CHECK-NEXT: payload 1 bytes: "y"
;; CHECK: Custom (id 0) {{.*}} "s1"
;; CHECK-NEXT: payload 2 bytes: "x\01"
;; CHECK: Global (id 6)
;; CHECK: Custom (id 0) {{.*}} "metadata.code.branch_hint"
;; CHECK-NEXT: payload 9 bytes: "\01\00\02\03\01\01\09\01\00"
;; CHECK: Code (id 10)
;; CHECK: 000054: 04 40 | if
;; CHECK: 00005a: 0d 00 | br_if 0
;; CHECK: Custom (id 0) {{.*}} "s3"
;; CHECK-NEXT: payload 1 bytes: "z"
;; CHECK: Custom (id 0) {{.*}} "name"
;; CHECK-NEXT: module name: "M"
;; CHECK-NEXT: func[0] "λ"
