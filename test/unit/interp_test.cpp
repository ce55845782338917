// The interpreter through the embedding API, on modules built in code (the equivalent WAT is
// in the comment above each): numerics, control flow, calls, memory, traps, host functions.
#include <gtest/gtest.h>

#include "runtime/runtime.h"

using namespace minicc;
using namespace minicc::runtime;
using wasm::Opcode;
using wasm::ValType;

namespace {

// Builds a function body instruction by instruction.
struct Body {
  wasm::Expr e;
  Body& Op(Opcode op, uint32_t a = 0, uint64_t c = 0, uint32_t b = 0) {
    wasm::Instr in;
    in.op = op;
    in.a = a;
    in.b = b;
    in.c = c;
    in.offset = uint32_t(e.instrs.size());
    e.instrs.push_back(in);
    return *this;
  }
  Body& I32(int32_t v) { return Op(Opcode::I32Const, 0, uint64_t(int64_t(v))); }
  Body& Get(uint32_t l) { return Op(Opcode::LocalGet, l); }
  Body& Set(uint32_t l) { return Op(Opcode::LocalSet, l); }
  Body& Tee(uint32_t l) { return Op(Opcode::LocalTee, l); }
  // block/loop/if with an empty or one-value block type
  Body& Block(Opcode op, std::optional<ValType> result = std::nullopt) {
    wasm::BlockType bt;
    if (result) {
      bt.kind = wasm::BlockType::Kind::Value;
      bt.value = *result;
    }
    e.block_types.push_back(bt);
    return Op(op, uint32_t(e.block_types.size() - 1));
  }
  Body& End() { return Op(Opcode::End); }
};

struct ModuleBuilder {
  wasm::Module m;
  uint32_t Type(std::vector<ValType> params, std::vector<ValType> results) {
    wasm::SubType t;
    t.func.params = std::move(params);
    t.func.results = std::move(results);
    m.types.push_back(t);
    return uint32_t(m.types.size() - 1);
  }
  uint32_t Func(uint32_t type, Body body, std::vector<ValType> locals = {},
                const char* export_name = nullptr) {
    wasm::Function f;
    f.type_index = type;
    for (ValType t : locals) f.locals.push_back({1, t});
    f.body = std::move(body.e);
    m.functions.push_back(std::move(f));
    uint32_t index = m.num_imported_funcs + uint32_t(m.functions.size() - 1);
    if (export_name) m.exports.push_back({export_name, wasm::ExternKind::Func, index});
    return index;
  }
  void Memory(uint64_t min_pages) {
    wasm::Memory mem;
    mem.type.limits.min = min_pages;
    m.memories.push_back(mem);
  }
};

Result<Instance*> Inst(Store& store, ModuleBuilder& b, const Linker& linker = {}) {
  b.m.CountImports();
  return InstantiateValidated(store, std::make_shared<wasm::Module>(b.m), linker.AsResolver());
}

Value Call1(Store& store, Instance* inst, const char* name, std::vector<Value> args) {
  auto r = Invoke(store, inst->GetFunc(name), args);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.trap().message);
  return r.ok() && !r->empty() ? (*r)[0] : Value();
}

const ValType I32 = ValType::I32();

// (func $fib (export "fib") (param i32) (result i32)
//   (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
//     (then (local.get 0))
//     (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
//                    (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
ModuleBuilder FibModule() {
  ModuleBuilder b;
  uint32_t t = b.Type({I32}, {I32});
  Body body;
  body.Get(0).I32(2).Op(Opcode::I32LtS).Block(Opcode::If, I32).Get(0).Op(Opcode::Else);
  body.Get(0).I32(1).Op(Opcode::I32Sub).Op(Opcode::Call, 0);
  body.Get(0).I32(2).Op(Opcode::I32Sub).Op(Opcode::Call, 0).Op(Opcode::I32Add).End().End();
  b.Func(t, body, {}, "fib");
  return b;
}

TEST(Interp, RecursiveFib) {
  Store store;
  ModuleBuilder b = FibModule();
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ(Call1(store, *inst, "fib", {Value::I32(20)}).i32, 6765u);
}

// (func (export "sum") (param $n i32) (result i32) (local $s i32)
//   (block (loop
//     (br_if 1 (i32.eqz (local.get $n)))
//     (local.set $s (i32.add (local.get $s) (local.get $n)))
//     (local.set $n (i32.sub (local.get $n) (i32.const 1)))
//     (br 0)))
//   (local.get $s))
TEST(Interp, LoopWithLocals) {
  Store store;
  ModuleBuilder b;
  uint32_t t = b.Type({I32}, {I32});
  Body body;
  body.Block(Opcode::Block).Block(Opcode::Loop);
  body.Get(0).Op(Opcode::I32Eqz).Op(Opcode::BrIf, 1);
  body.Get(1).Get(0).Op(Opcode::I32Add).Set(1);
  body.Get(0).I32(1).Op(Opcode::I32Sub).Set(0);
  body.Op(Opcode::Br, 0).End().End().Get(1).End();
  b.Func(t, body, {I32}, "sum");
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ(Call1(store, *inst, "sum", {Value::I32(100)}).i32, 5050u);
  EXPECT_EQ(Call1(store, *inst, "sum", {Value::I32(0)}).i32, 0u);
}

// (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
// (func (export "sub") (param i32 i32) (result i32) (call $swap (local.get 0) (local.get 1))
//   i32.sub)
TEST(Interp, MultiValueReturnFromLocals) {
  Store store;
  ModuleBuilder b;
  uint32_t t2 = b.Type({I32, I32}, {I32, I32});
  uint32_t t1 = b.Type({I32, I32}, {I32});
  b.Func(t2, std::move(Body().Get(1).Get(0).End()), {}, "swap");
  b.Func(t1, std::move(Body().Get(0).Get(1).Op(Opcode::Call, 0).Op(Opcode::I32Sub).End()), {}, "sub");
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  auto r = Invoke(store, (*inst)->GetFunc("swap"), std::vector<Value>{Value::I32(1), Value::I32(2)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].i32, 2u);
  EXPECT_EQ((*r)[1].i32, 1u);
  EXPECT_EQ(Call1(store, *inst, "sub", {Value::I32(10), Value::I32(3)}).i32, uint32_t(3 - 10));
}

// (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
TEST(Interp, DivideTraps) {
  Store store;
  ModuleBuilder b;
  uint32_t t = b.Type({I32, I32}, {I32});
  b.Func(t, std::move(Body().Get(0).Get(1).Op(Opcode::I32DivS).End()), {}, "div");
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ(Call1(store, *inst, "div", {Value::I32(uint32_t(-7)), Value::I32(2)}).i32, uint32_t(-3));
  auto r = Invoke(store, (*inst)->GetFunc("div"), std::vector<Value>{Value::I32(1), Value::I32(0)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.trap().message, "integer divide by zero");
  ASSERT_EQ(r.trap().backtrace.size(), 1u);
  EXPECT_EQ(r.trap().backtrace[0].name, "div");
  EXPECT_EQ(r.trap().backtrace[0].offset, 2u);  // the third instruction (offsets are indices here)
  r = Invoke(store, (*inst)->GetFunc("div"),
             std::vector<Value>{Value::I32(0x80000000u), Value::I32(uint32_t(-1))});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.trap().message, "integer overflow");
}

// (memory 1)
// (func (export "rw") (param i32) (result i32)
//   (i32.store offset=4 (local.get 0) (i32.const 0x12345678))
//   (i32.load8_u offset=5 (local.get 0)))
void MemoryTest(bool guard) {
  StoreOptions opts;
  opts.guard_pages = guard;
  Store store(opts);
  ModuleBuilder b;
  b.Memory(1);
  uint32_t t = b.Type({I32}, {I32});
  Body body;
  body.Get(0).I32(0x12345678).Op(Opcode::I32Store, 2, 4);
  body.Get(0).Op(Opcode::I32Load8U, 0, 5).End();
  b.Func(t, body, {}, "rw");
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ((*inst)->memories[0]->guarded, guard);
  EXPECT_EQ(Call1(store, *inst, "rw", {Value::I32(100)}).i32, 0x56u);
  EXPECT_EQ(Call1(store, *inst, "rw", {Value::I32(65536 - 8)}).i32, 0x56u);
  for (uint32_t addr : {65536u - 7, 65536u, 0xFFFFFFFFu}) {
    auto r = Invoke(store, (*inst)->GetFunc("rw"), std::vector<Value>{Value::I32(addr)});
    ASSERT_FALSE(r.ok()) << addr;
    EXPECT_EQ(r.trap().message, "out of bounds memory access");
  }
  // The memory is still usable after a trap.
  EXPECT_EQ(Call1(store, *inst, "rw", {Value::I32(0)}).i32, 0x56u);
}
TEST(Interp, MemoryExplicitChecks) { MemoryTest(false); }
TEST(Interp, MemoryGuardPages) { MemoryTest(true); }

// (func $f (export "f") (call $f))
TEST(Interp, DeepRecursionTraps) {
  Store store;
  ModuleBuilder b;
  uint32_t t = b.Type({}, {});
  b.Func(t, std::move(Body().Op(Opcode::Call, 0).End()), {}, "f");
  auto inst = Inst(store, b);
  ASSERT_TRUE(inst.ok());
  auto r = Invoke(store, (*inst)->GetFunc("f"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.trap().message, "call stack exhausted");
  EXPECT_FALSE(r.trap().backtrace.empty());
}

// (import "env" "twice" (func $twice (param i32) (result i32)))
// (func (export "g") (param i32) (result i32) (i32.add (call $twice (local.get 0)) (i32.const 1)))
TEST(Interp, HostFunctionImport) {
  Store store;
  Linker linker;
  wasm::FuncType ft{{I32}, {I32}};
  Func* twice = store.CreateHostFunc(ft, [](HostContext&, std::span<const Value> args,
                                            std::span<Value> results) -> HostResult {
    results[0] = Value::I32(args[0].i32 * 2);
    return std::nullopt;
  });
  linker.Define("env", "twice", Extern::Of(twice));
  ModuleBuilder b;
  uint32_t t = b.Type({I32}, {I32});
  wasm::Import imp;
  imp.module = "env";
  imp.name = "twice";
  imp.func_type = t;
  b.m.imports.push_back(imp);
  b.m.CountImports();
  b.Func(t, std::move(Body().Get(0).Op(Opcode::Call, 0).I32(1).Op(Opcode::I32Add).End()), {}, "g");
  auto inst = Inst(store, b, linker);
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ(Call1(store, *inst, "g", {Value::I32(20)}).i32, 41u);

  Linker empty;
  auto bad = Inst(store, b, empty);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.trap().message, "unknown import");
}

}  // namespace
