;; RUN: not %mwasm wast %s | FileCheck %s
;; Failing commands are counted and reported with their line and why; a command that is not
;; implemented counts as failed, and a module that does not load leaves no current module.
(module
  (func (export "three") (result i32) i32.const 3)
  (func (export "nan") (result f32) f32.const nan:0x200000)
  (func (export "trap") unreachable))
(assert_return (invoke "three") (i32.const 4))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: got [(i32.const 3)], expected [(i32.const 4)]
(assert_return (invoke "three") (i64.const 3))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: got [(i32.const 3)], expected [(i64.const 3)]
(assert_return (invoke "three"))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: got [(i32.const 3)], expected []
(assert_return (invoke "nan") (f32.const nan:canonical))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: got [(f32.const nan:0x200000)], expected [(f32.const nan:canonical)]
(assert_return (invoke "trap") (i32.const 0))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: trapped: unreachable
(assert_return (invoke "missing"))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: no exported function "missing"
(assert_trap (invoke "three") "unreachable")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_trap: returned [(i32.const 3)], expected a trap "unreachable"
(assert_trap (invoke "trap") "integer overflow")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_trap: got "unreachable", expected "integer overflow"
(assert_exhaustion (invoke "trap") "call stack exhausted")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_exhaustion: trapped with "unreachable", not call stack exhaustion
(assert_invalid (module (func)) "type mismatch")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_invalid: valid, expected "type mismatch"
(assert_malformed (module quote "(func)") "unexpected token")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_malformed: accepted by the parser/decoder
(assert_unlinkable (module) "unknown import")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_unlinkable: instantiated, expected "unknown import"
(assert_uninstantiable (module (import "spectest" "nope" (func))) "unreachable")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_uninstantiable: unlinkable instead: unknown import
(assert_trap (module) "unreachable")
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_trap: instantiated, expected "unreachable"
(assert_exception (invoke "trap"))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_exception: exceptions are not supported by the runtime
(thread $T (module))
;; CHECK: bad-failures.wast:[[@LINE-1]]: thread: command not implemented
(module (func (export "f") (result i32) i64.const 0))
;; CHECK: bad-failures.wast:[[@LINE-1]]: module: invalid: {{.*}}type mismatch
(assert_return (invoke "three") (i32.const 3))
;; CHECK: bad-failures.wast:[[@LINE-1]]: assert_return: no module instance
(module (func i32.nope))
;; CHECK: bad-failures.wast:[[@LINE-1]]: module: cannot parse: unknown operator
(module (import "spectest" "nope" (func)))
;; CHECK: bad-failures.wast:[[@LINE-1]]: module: cannot instantiate: unknown import
(register "r")
;; CHECK: bad-failures.wast:[[@LINE-1]]: register: no such module instance
;; CHECK: bad-failures.wast: 1 passed, 21 failed
;; CHECK-NEXT: 1 passed, 21 failed
