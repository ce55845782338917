;; A module touching every section and most immediate kinds; the dump tests and the mutation
;; test start from it (wat2wasm --debug-names).
(module $rich
  (type $binop (func (param i32 i32) (result i32)))
  (type $pair (func (result i32 i64)))
  (import "env" "log" (func $log (param i32)))
  (import "env" "table" (table 2 funcref))
  (import "env" "g" (global $imported i32))
  (memory $mem 1 4)
  (table $t 4 10 funcref)
  (global $counter (mut i32) (i32.const 42))
  (global $pi f64 (f64.const 3.25))
  (global $ref funcref (ref.func $add))
  (export "add" (func $add))
  (export "mem" (memory $mem))
  (export "counter" (global $counter))
  (start $init)
  (elem (i32.const 0) $add $init)
  (elem $passive func $add)
  (elem declare func $pair)
  (elem (table $t) (i32.const 1) funcref (ref.func $add) (ref.null func))
  (data (i32.const 16) "hello\00world\n")
  (data $bytes "\01\02\03")
  (func $add (type $binop) (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add)
  (func $init
    (local $i i32) (local $x f32) (local $y i64)
    i32.const -1
    global.set $counter
    block $done
      loop $again
        local.get $i
        i32.const 10
        i32.ge_u
        br_if $done
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $again
      end
    end
    local.get $i
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end
    br_table 0 0
    f32.const 1.5
    local.set $x
    i64.const 0x123456789
    local.set $y
    i32.const 0
    i32.load offset=16 align=2
    call $log
    i32.const 0
    i32.const 1
    i32.const 2
    memory.init $bytes
    data.drop $bytes
    i32.const 1
    i32.const 2
    i32.const 0
    call_indirect $t (type $binop)
    drop
    memory.size
    drop
    i32.const 0
    v128.load
    i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
    i32x4.extract_lane 3
    drop)
  (func $pair (type $pair)
    i64.const 7
    i64.const -7
    i32.const 1
    select (result i64)
    drop
    i32.const 3
    i64.const 4)
)
