;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm run --invoke ne %t.wasm 10 | FileCheck %s --check-prefix=NE
;; RUN: %mwasm run --invoke lts %t.wasm -7 | FileCheck %s --check-prefix=LTS
;; RUN: %mwasm run --invoke ltu %t.wasm -2 | FileCheck %s --check-prefix=LTU
;; RUN: %mwasm run --invoke tozero %t.wasm -5 | FileCheck %s --check-prefix=ZERO
;; RUN: %mwasm run --invoke result %t.wasm 3 | FileCheck %s --check-prefix=RESULT
;; RUN: %mwasm run --invoke result %t.wasm 4 | FileCheck %s --check-prefix=RESULT4
;; RUN: env MINICC_INTERP_DUMP=1 %mwasm run --invoke ne %t.wasm 10 2>&1 | FileCheck %s --check-prefix=DUMP
;; REQUIRES: wat2wasm
;; A loop counter's `i32.add` with an immediate fused with the `br_if` that tests it (by a
;; comparison with an immediate, or the sum itself), checked by iteration counts.
(module
  ;; i steps by 3 up to 3n (n iterations), then by 3 up to 99 (a second counter).
  (func (export "ne") (param $n i32) (result i32)
    (local $i i32) (local $c i32) (local $c2 i32)
    (local.set $n (i32.mul (local.get $n) (i32.const 3)))
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 3))) (local.get $n))))
    (loop $m
      (local.set $c2 (i32.add (local.get $c2) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 3)))
      (br_if $m (i32.ne (local.get $i) (i32.const 99))))
    (i32.add (i32.add (local.get $c) (i32.mul (local.get $c2) (i32.const 100)))
             (i32.shl (local.get $i) (i32.const 16))))
  ;; signed: from a negative start up to 5 by 2.
  (func (export "lts") (param $i i32) (result i32)
    (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br_if $l (i32.lt_s (local.get $i) (i32.const 5))))
    (i32.add (i32.mul (local.get $c) (i32.const 1000)) (local.get $i)))
  ;; unsigned: -2 + 1 = 0xffffffff is not below 5; 0 after one more step is.
  (func (export "ltu") (param $i i32) (result i32)
    (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.ge_u (local.get $i) (i32.const 5))))
    (i32.add (i32.mul (local.get $c) (i32.const 1000)) (local.get $i)))
  ;; br_if on the sum itself: counts up to zero.
  (func (export "tozero") (param $i i32) (result i32)
    (local $c i32)
    (loop $l
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const 1)))))
    (i32.add (i32.mul (local.get $c) (i32.const 1000)) (local.get $i)))
  ;; a br_if that carries a value (copies before the jump): taken when n + 1 == 4.
  (func (export "result") (param $n i32) (result i32)
    (block $b (result i32)
      (i32.const 100)
      (br_if $b (i32.eq (local.tee $n (i32.add (local.get $n) (i32.const 1))) (i32.const 4)))
      (drop)
      (i32.add (local.get $n) (i32.const 200)))))
;; NE: Result: 6490374
;; LTS: Result: 6005
;; LTU: Result: 2000
;; ZERO: Result: 5000
;; RESULT: Result: 100
;; RESULT4: Result: 205
;; DUMP: I32Ne_AddBrIf_RI
