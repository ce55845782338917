;; RUN: %mwasm wat2wasm %s -o %t.wasm && %mwasm dump %t.wasm | FileCheck %s
;; Symbolic ids, folded and flat instructions, inline exports and implicit types.
(module
  (type $bin (func (param i32 i32) (result i32)))
  (memory $mem (export "mem") 1)
  (func $add (export "add") (type $bin) (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))
  (func $loop (param $n i32) (result i32) (local $acc i32)
    block $done
      loop $again
        local.get $n
        i32.eqz
        br_if $done
        (local.set $acc (call $add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        br $again
      end
    end
    local.get $acc)
)
;; CHECK:      type[0] (i32, i32) -> i32
;; CHECK-NEXT:   type[1] (i32) -> i32
;; CHECK:        export[0] "mem" -> memory 0
;; CHECK-NEXT:   export[1] "add" -> func 0
;; CHECK:        func[1] at
;; CHECK-NEXT:     locals: 1 i32
;; CHECK-NEXT:     block
;; CHECK-NEXT:       loop
;; CHECK-NEXT:         local.get 0
;; CHECK-NEXT:         i32.eqz
;; CHECK-NEXT:         br_if 1
;; CHECK-NEXT:         local.get 1
;; CHECK-NEXT:         local.get 0
;; CHECK-NEXT:         call 0
;; CHECK-NEXT:         local.set 1
;; CHECK:              br 0
