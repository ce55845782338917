;; RUN: %mwasm wat2wasm %s -o %t.wasm
;; RUN: %mwasm wasm2wat %t.wasm | FileCheck %s
;; A flat v128.const followed by the next instruction: the lanes end at the instruction name
;; (the lane count check used to count `v128.store` as a fifth lane).
(module
  (memory 1)
  (func
    i32.const 0
    v128.const i32x4 1 2 3 4
    v128.store
    v128.const f32x4 nan -0 1.5 inf
    drop))
;; CHECK:      v128.const i32x4 0x00000001 0x00000002 0x00000003 0x00000004
;; CHECK-NEXT: v128.store
;; CHECK-NEXT: v128.const i32x4 0x7fc00000 0x80000000 0x3fc00000 0x7f800000
;; CHECK-NEXT: drop
