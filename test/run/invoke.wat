;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm run --invoke fib %t.wasm 30 | FileCheck %s --check-prefix=FIB
;; RUN: %mwasm run --invoke pair %t.wasm 1.5 -0.25 | FileCheck %s --check-prefix=PAIR
;; RUN: %mwasm run --invoke neg %t.wasm 5 | FileCheck %s --check-prefix=NEG
;; RUN: %mwasm run --invoke nan %t.wasm | FileCheck %s --check-prefix=NAN
;; REQUIRES: wat2wasm
;; `--invoke` parses arguments by parameter type and prints `Result:` with every result.
(module
  (func $fib (export "fib") (param i64) (result i64)
    (if (result i64) (i64.lt_s (local.get 0) (i64.const 2))
      (then (local.get 0))
      (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1)))
                     (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "pair") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "nan") (result f32 f64)
    (f32.const nan:0x200000) (f64.div (f64.const 1) (f64.const 0))))
;; FIB: Result: 832040
;; PAIR: Result: -0.25 1.5
;; NEG: Result: -5
;; NAN: Result: nan:0x200000 inf
