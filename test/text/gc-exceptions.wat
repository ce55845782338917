;; RUN: %mwasm wat2wasm --no-check %s -o %t.wasm && %mwasm wasm2wat %t.wasm | FileCheck %s
;; GC type definitions (rec, sub, struct/array fields with names), GC instructions with field
;; names and cast flags, try_table catch clauses and legacy try/catch/delegate.
(module
  (rec (type $s (sub (struct (field $x (mut i32)) (field i8))))
       (type $a (array (mut i16))))
  (type $f (sub final $s (struct (field $x (mut i32)) (field i8) (field i64))))
  (tag $e (param i32))
  (func (param (ref null $s)) (result i32)
    (struct.get $s $x (local.get 0)))
  (func (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (throw $e (i32.const 1)))
      (i32.const 0)))
  (func (param anyref) (result i32)
    (block $l (result (ref $s)) (br_on_cast $l anyref (ref $s) (local.get 0)) drop (return (i32.const 0)))
    drop (ref.test (ref null $a) (local.get 0)))
  (func (result (ref $a)) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
  (func $legacy
    try $t
      (try (do nop) (delegate $t))
    catch $e
      drop
    catch_all
    end)
)
;; CHECK:      (rec
;; CHECK-NEXT:   (type (;0;) (sub (struct (field (mut i32)) (field i8))))
;; CHECK-NEXT:   (type (;1;) (array (mut i16))))
;; CHECK-NEXT: (type (;2;) (sub final 0 (struct (field (mut i32)) (field i8) (field i64))))
;; CHECK:      struct.get 0 0
;; CHECK:      try_table (catch 0 0)
;; CHECK:      br_on_cast 0 (ref null any) (ref 0)
;; CHECK:      ref.test (ref null 1)
;; CHECK:      array.new_fixed 1 2
;; CHECK:      try
;; CHECK-NEXT:   try
;; CHECK-NEXT:     nop
;; CHECK-NEXT:   delegate 0
;; CHECK-NEXT: catch 0
;; CHECK-NEXT:   drop
;; CHECK-NEXT: catch_all
;; CHECK-NEXT: end
