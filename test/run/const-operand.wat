;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm run --invoke f32ops %t.wasm 3 | FileCheck %s --check-prefix=F32
;; RUN: %mwasm run --invoke f64ops %t.wasm 3 | FileCheck %s --check-prefix=F64
;; RUN: %mwasm run --invoke mem %t.wasm 7 | FileCheck %s --check-prefix=MEM
;; RUN: %mwasm run --bounds-checks --invoke mem %t.wasm 7 | FileCheck %s --check-prefix=MEM
;; RUN: not %mwasm run --invoke oob %t.wasm 2>&1 | FileCheck %s --check-prefix=OOB
;; REQUIRES: wat2wasm
;; Float operations with a constant operand and loads/stores at a constant address are
;; translated to _K forms whose 64-bit immediate sits at any code-word alignment (a regression
;; test: reading it through a Slot* was misaligned, which UBSan reported).
(module
  (memory 1)
  ;; The leading x+x is five code words: the _K immediates that follow start at odd words.
  (func (export "f32ops") (param f32) (result f32 f32 f32 f32 f32)
    (f32.add (local.get 0) (local.get 0))
    (f32.add (local.get 0) (f32.const 0.5))
    (f32.sub (local.get 0) (f32.const 0.25))
    (f32.mul (local.get 0) (f32.const -2))
    (f32.div (local.get 0) (f32.const 4)))
  (func (export "f64ops") (param f64) (result f64 f64 f64 f64 f64)
    (f64.add (local.get 0) (local.get 0))
    (f64.add (local.get 0) (f64.const 0.5))
    (f64.sub (local.get 0) (f64.const 0.25))
    (f64.mul (local.get 0) (f64.const -2))
    (f64.div (local.get 0) (f64.const 4)))
  (func (export "mem") (param i32) (result i32 i32 i64 i32)
    (i32.add (local.get 0) (local.get 0))
    (i32.store offset=4 (i32.const 100) (local.get 0))
    (i64.store (i32.const 201) (i64.extend_i32_u (local.get 0)))
    (i32.load (i32.const 104))
    (i64.load offset=1 (i32.const 200))
    (i32.load8_u (i32.const 65535)))
  (func (export "oob") (result i32)
    (i32.load offset=2 (i32.const 65534))))
;; F32: Result: 6 3.5 2.75 -6 0.75
;; F64: Result: 6 3.5 2.75 -6 0.75
;; MEM: Result: 14 7 7 0
;; OOB: trap: out of bounds memory access
