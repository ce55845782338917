;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke div %t.wasm 7 0 | FileCheck %s --check-prefix=DIV
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke outer %t.wasm | FileCheck %s --check-prefix=BT
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke recurse %t.wasm | FileCheck %s --check-prefix=DEEP
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --invoke load %t.wasm 65535 | FileCheck %s --check-prefix=OOB
;; RUN: %python %S/Inputs/exit-status.py %mwasm run --bounds-checks --invoke load %t.wasm 65535 | FileCheck %s --check-prefix=OOB
;; REQUIRES: wat2wasm
;; A trap prints its message and a backtrace (innermost first) and exits with 134.
(module
  (memory 1)
  (func $div (export "div") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func $inner unreachable)
  (func $middle (call $inner))
  (func $outer (export "outer") (call $middle))
  (func $recurse (export "recurse") (call $recurse))
  (func $load (export "load") (param i32) (result i32) (i32.load (local.get 0))))
;; DIV: trap: integer divide by zero
;; DIV-NEXT: at func[0] $div+0x
;; DIV-NEXT: exit: 134
;; BT: trap: unreachable
;; BT-NEXT: at func[1] $inner+0x
;; BT-NEXT: at func[2] $middle+0x
;; BT-NEXT: at func[3] $outer+0x
;; BT-NEXT: exit: 134
;; DEEP: trap: call stack exhausted
;; DEEP: exit: 134
;; OOB: trap: out of bounds memory access
;; OOB-NEXT: at func[5] $load+0x
;; OOB-NEXT: exit: 134
