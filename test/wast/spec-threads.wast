;; RUN: %mwasm wast --spec=threads %s | FileCheck %s
;; RUN: not %mwasm wast %s | FileCheck %s --check-prefix=V3
;; RUN: not %mwasm wast --spec=2.0 %s | FileCheck %s --check-prefix=V2
;; --spec=threads follows the threads proposal: 2.0 plus shared memories and atomics, with the
;; 2.0 text grammar (u32 memory limits), one memory and (predating reference types) one table.
(module
  (memory 1 1 shared)
  (func (export "add") (result i32) (i32.atomic.rmw.add (i32.const 0) (i32.const 1))))
;; V2: spec-threads.wast:[[@LINE-3]]: module: invalid: {{.*}}i32.atomic.rmw.add: instruction not in WebAssembly 2.0
(module binary "\00asm\01\00\00\00" "\05\04\01\03\01\02")  ;; (memory 1 2 shared)
;; V2: spec-threads.wast:[[@LINE-1]]: module: cannot parse: integer too large
(assert_malformed (module quote "(memory 0x1_0000_0000)") "i32 constant out of range")
;; V3: spec-threads.wast:[[@LINE-1]]: assert_malformed: accepted by the parser/decoder
(assert_invalid (module (memory 1) (memory 1)) "multiple memories")
;; V3: spec-threads.wast:[[@LINE-1]]: assert_invalid: valid, expected "multiple memories"
(assert_invalid (module (table 1 funcref) (table 1 funcref)) "multiple tables")
;; V3: spec-threads.wast:[[@LINE-1]]: assert_invalid: valid, expected "multiple tables"
;; V2: spec-threads.wast:[[@LINE-2]]: assert_invalid: valid, expected "multiple tables"
;; CHECK: spec-threads.wast: 5 passed, 0 failed
;; V3: spec-threads.wast: 2 passed, 3 failed
;; V2: spec-threads.wast: 2 passed, 3 failed
