;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %mwasm run --invoke rmw %t.wasm 8 5 | FileCheck %s --check-prefix=RMW
;; RUN: %mwasm run --bounds-checks --invoke rmw %t.wasm 8 5 | FileCheck %s --check-prefix=RMW
;; RUN: %mwasm run --invoke other %t.wasm 8 | FileCheck %s --check-prefix=OTHER
;; RUN: %mwasm run --invoke imm %t.wasm 16 | FileCheck %s --check-prefix=IMM
;; RUN: %mwasm run --bounds-checks --invoke imm %t.wasm 16 | FileCheck %s --check-prefix=IMM
;; RUN: %mwasm run --invoke copies %t.wasm 3 4 | FileCheck %s --check-prefix=COPY
;; RUN: not %mwasm run --invoke rmw %t.wasm 65534 1 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: env MINICC_INTERP_DUMP=1 %mwasm run --invoke rmw %t.wasm 8 5 2>&1 | FileCheck %s --check-prefix=DUMP
;; REQUIRES: wat2wasm
;; Super-instructions: `load; op; store` to the same address (_MS), a constant stored (_GI),
;; two consecutive copies (Copy2). Checked by value, with guard pages and bounds checks.
(module
  (memory 1)
  (data (i32.const 8) "\10\00\00\00\00\00\00\00\00\00\00\00\00\00\f8\3f")
  ;; mem[p] = x + mem[p] (i32), then mem[p+8] = 2.5 * mem[p+8] (f64); returns both.
  (func (export "rmw") (param $p i32) (param $x i32) (result i32 f64)
    (i32.store (local.get $p) (i32.add (local.get $x) (i32.load (local.get $p))))
    (f64.store offset=8 (local.get $p) (f64.mul (f64.const 2.5) (f64.load offset=8 (local.get $p))))
    (i32.load (local.get $p))
    (f64.load offset=8 (local.get $p)))
  ;; Stored to another offset than loaded: not fused, the source stays.
  (func (export "other") (param $p i32) (result i32 i32)
    (i32.store offset=4 (local.get $p) (i32.xor (i32.const 0xff) (i32.load (local.get $p))))
    (i32.load (local.get $p))
    (i32.load offset=4 (local.get $p)))
  (func (export "imm") (param $p i32) (result i64 i32 f32)
    (i64.store (local.get $p) (i64.const -2))
    (i32.store8 offset=8 (local.get $p) (i32.const 0x1234))
    (f32.store offset=12 (local.get $p) (f32.const -1.5))
    (i64.load (local.get $p))
    (i32.load offset=8 (local.get $p))
    (f32.load offset=12 (local.get $p)))
  ;; A swap through a temporary: consecutive local.set of locals are copies.
  (func (export "copies") (param $a i32) (param $b i32) (result i32 i32)
    (local $t i32)
    (local.set $t (local.get $a))
    (local.set $a (local.get $b))
    (local.set $b (local.get $t))
    (local.get $a)
    (local.get $b)))
;; RMW: Result: 21 3.75
;; OTHER: Result: 16 239
;; IMM: Result: -2 52 -1.5
;; COPY: Result: 4 3
;; OOB: trap: out of bounds memory access
;; DUMP: I32Add_MS
;; DUMP: F64Mul_MS
