// The validator on modules built in code (the equivalent WAT is in the comment above each):
// verdicts, messages with their location, module-level rules, and the side table it computes
// for the interpreter.
#include <gtest/gtest.h>

#include <optional>

#include "wasm/validator.h"

using namespace minicc;
using wasm::Opcode;
using wasm::ValType;

namespace {

// Builds an instruction sequence; offsets are 0x10 + 2 * index so messages can be checked.
struct Code {
  wasm::Expr e;
  Code& Op(Opcode op, uint32_t a = 0, uint64_t c = 0, uint32_t b = 0) {
    wasm::Instr in;
    in.op = op;
    in.a = a;
    in.b = b;
    in.c = c;
    in.offset = 0x10 + 2 * uint32_t(e.instrs.size());
    e.instrs.push_back(in);
    return *this;
  }
  Code& I32(int32_t v) { return Op(Opcode::I32Const, 0, uint64_t(int64_t(v))); }
  Code& F32() { return Op(Opcode::F32Const); }
  Code& Get(uint32_t l) { return Op(Opcode::LocalGet, l); }
  Code& Block(Opcode op, std::optional<ValType> result = std::nullopt) {
    wasm::BlockType bt;
    if (result) {
      bt.kind = wasm::BlockType::Kind::Value;
      bt.value = *result;
    }
    e.block_types.push_back(bt);
    return Op(op, uint32_t(e.block_types.size() - 1));
  }
  Code& BrTable(std::vector<uint32_t> targets) { // the last is the default
    uint32_t first = uint32_t(e.u32s.size());
    e.u32s.insert(e.u32s.end(), targets.begin(), targets.end());
    return Op(Opcode::BrTable, first, 0, uint32_t(targets.size()));
  }
  Code& End() { return Op(Opcode::End); }
};

struct Builder {
  wasm::Module m;
  uint32_t Type(std::vector<ValType> params, std::vector<ValType> results) {
    wasm::SubType t;
    t.func.params = std::move(params);
    t.func.results = std::move(results);
    m.types.push_back(t);
    return uint32_t(m.types.size() - 1);
  }
  uint32_t Func(uint32_t type, Code body, std::vector<ValType> locals = {}) {
    wasm::Function f;
    f.type_index = type;
    for (ValType t : locals)
      f.locals.push_back({1, t});
    f.body = std::move(body.e);
    m.functions.push_back(std::move(f));
    return uint32_t(m.functions.size() - 1);
  }
  void Memory(uint64_t min, std::optional<uint64_t> max = std::nullopt) {
    wasm::Memory mem;
    mem.type.limits.min = min;
    mem.type.limits.max = max;
    m.memories.push_back(mem);
  }
  void Global(ValType t, bool mut, Code init) {
    m.globals.push_back({{t, mut}, std::move(init.e)});
  }
};

support::Expected<wasm::ValidatedModule> Check(Builder& b,
                                               wasm::SpecVersion spec = wasm::SpecVersion::V3) {
  b.m.CountImports();
  wasm::ValidateOptions options;
  options.spec = spec;
  return wasm::Validate(b.m, options);
}

std::string Message(Builder& b, wasm::SpecVersion spec = wasm::SpecVersion::V3) {
  auto r = Check(b, spec);
  return r ? std::string("valid") : r.error().message;
}

// (func (result i32) (i32.add (i32.const 1) (i32.const 2)))
TEST(Validator, AcceptsAddAndRecordsHeights) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code().I32(1).I32(2).Op(Opcode::I32Add).End());
  auto r = Check(b);
  ASSERT_TRUE(r) << r.error().message;
  const wasm::FunctionSideTable& st = r->side_table(0);
  EXPECT_EQ(st.height, (std::vector<uint32_t>{0, 1, 2, 1}));
  EXPECT_EQ(st.max_height, 2u);
  EXPECT_EQ(st.unreachable, (std::vector<uint8_t>{0, 0, 0, 0}));
  EXPECT_EQ(r->module().functions.size(), 1u);
}

// (func $f (result i32) (i32.add (i32.const 1) (f32.const 0)))
TEST(Validator, TypeMismatchNamesFunctionOffsetAndInstruction) {
  Builder b;
  b.Func(b.Type({}, {}), Code().End());
  b.Func(b.Type({}, {ValType::I32()}), Code().I32(1).F32().Op(Opcode::I32Add).End());
  b.m.names.functions.push_back({1, "f"});
  auto r = Check(b);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "function 1 ($f) at offset 0x14: i32.add: type mismatch: expected i32, found f32");
  EXPECT_EQ(r.error().offset, 0x14u);
}

// (func (param i32) (result i32)
//   (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))
TEST(Validator, IfElseSideTable) {
  Builder b;
  b.Func(
      b.Type({ValType::I32()}, {ValType::I32()}),
      Code().Get(0).Block(Opcode::If, ValType::I32()).I32(1).Op(Opcode::Else).I32(2).End().End());
  auto r = Check(b);
  ASSERT_TRUE(r) << r.error().message;
  const auto& st = r->side_table(0);
  // instrs: 0 local.get, 1 if, 2 i32.const, 3 else, 4 i32.const, 5 end, 6 end
  EXPECT_EQ(st.match[1], 5u);
  EXPECT_EQ(st.match[3], 5u);
  EXPECT_EQ(st.else_index[1], 3u);
  EXPECT_EQ(st.match[0], wasm::kNoIndex);
  EXPECT_EQ(st.height, (std::vector<uint32_t>{0, 1, 0, 1, 0, 1, 1}));
  EXPECT_EQ(st.num_locals, 1u);
  EXPECT_EQ(st.local_types, (std::vector<ValType>{ValType::I32()}));
}

// (func (result i32) (block (result i32) (unreachable) (i32.add) (br 0)) ) -- valid: the stack
// is polymorphic after `unreachable`; the dead instructions are marked.
TEST(Validator, PolymorphicStackAfterUnreachable) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code()
                                           .Block(Opcode::Block, ValType::I32())
                                           .Op(Opcode::Unreachable)
                                           .Op(Opcode::I32Add)
                                           .Op(Opcode::Br, 0)
                                           .End()
                                           .End());
  auto r = Check(b);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->side_table(0).unreachable, (std::vector<uint8_t>{0, 0, 1, 1, 1, 0}));
  EXPECT_EQ(r->side_table(0).match[0], 4u);
}

// (func (unreachable) (i64.const 0) (i32.add)) -- a known wrong type is still an error.
TEST(Validator, DeadCodeStillChecksKnownTypes) {
  Builder b;
  b.Func(b.Type({}, {}),
         Code().Op(Opcode::Unreachable).Op(Opcode::I64Const).Op(Opcode::I32Add).End());
  EXPECT_NE(Message(b).find("type mismatch: expected i32, found i64"), std::string::npos);
}

// (func (block (result i32) (block (i32.const 0) (i32.const 0) (br_table 0 1 0)) ...))
TEST(Validator, BrTableArityMismatch) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code()
                                           .Block(Opcode::Block, ValType::I32())
                                           .Block(Opcode::Block)
                                           .I32(0)
                                           .I32(0)
                                           .BrTable({0, 1, 0})
                                           .End()
                                           .I32(1)
                                           .End()
                                           .End());
  EXPECT_NE(Message(b).find("br_table: type mismatch"), std::string::npos);
}

TEST(Validator, UnknownIndices) {
  {
    Builder b; // (func (drop (local.get 2)))
    b.Func(b.Type({}, {}), Code().Get(2).Op(Opcode::Drop).End());
    EXPECT_EQ(Message(b), "function 0 at offset 0x10: local.get: unknown local 2");
  }
  {
    Builder b; // (func (br 1))
    b.Func(b.Type({}, {}), Code().Op(Opcode::Br, 1).End());
    EXPECT_NE(Message(b).find("br: unknown label 1"), std::string::npos);
  }
  {
    Builder b; // (func (call 7))
    b.Func(b.Type({}, {}), Code().Op(Opcode::Call, 7).End());
    EXPECT_NE(Message(b).find("call: unknown function 7"), std::string::npos);
  }
  {
    Builder b; // (func (drop (i32.load (i32.const 0))))  -- no memory
    b.Func(b.Type({}, {}), Code().I32(0).Op(Opcode::I32Load, 2).Op(Opcode::Drop).End());
    EXPECT_NE(Message(b).find("unknown memory 0"), std::string::npos);
  }
}

// (memory 1) (func (drop (i32.load align=8 (i32.const 0))))
TEST(Validator, AlignmentAtMostNatural) {
  Builder b;
  b.Memory(1);
  b.Func(b.Type({}, {}), Code().I32(0).Op(Opcode::I32Load, 3).Op(Opcode::Drop).End());
  EXPECT_NE(Message(b).find("alignment must not be larger than natural"), std::string::npos);
  b.m.functions[0].body.instrs[1].a = 2;
  EXPECT_EQ(Message(b), "valid");
}

TEST(Validator, MemoryLimitsAndCount) {
  Builder b;
  b.Memory(65537);
  EXPECT_NE(Message(b).find("memory size must be at most 65536 pages (4GiB)"), std::string::npos);
  b.m.memories[0].type.limits.min = 2;
  b.m.memories[0].type.limits.max = 1;
  EXPECT_NE(Message(b).find("size minimum must not be greater than maximum"), std::string::npos);
  b.m.memories[0].type.limits.min = 1;
  b.Memory(1);
  EXPECT_EQ(Message(b), "valid");
  EXPECT_NE(Message(b, wasm::SpecVersion::V2).find("multiple memories"), std::string::npos);
}

// (func) (export "a" (func 0)) (export "a" (func 0)) (start 0 with a param)
TEST(Validator, ExportsAndStart) {
  Builder b;
  b.Func(b.Type({}, {}), Code().End());
  b.m.exports.push_back({"a", wasm::ExternKind::Func, 0});
  b.m.exports.push_back({"a", wasm::ExternKind::Func, 0});
  EXPECT_EQ(Message(b), "export \"a\": duplicate export name");
  b.m.exports.pop_back();
  b.m.exports.push_back({"b", wasm::ExternKind::Func, 3});
  EXPECT_EQ(Message(b), "export \"b\": unknown function 3");
  b.m.exports.pop_back();
  b.Func(b.Type({ValType::I32()}, {}), Code().End());
  b.m.start = 1;
  EXPECT_NE(Message(b).find("start function"), std::string::npos);
}

// (global (mut i32) (i32.const 0)) (global i32 (global.get 0))
TEST(Validator, ConstantExpressions) {
  Builder b;
  b.Global(ValType::I32(), true, Code().I32(0).End());
  b.Global(ValType::I32(), false, Code().Op(Opcode::GlobalGet, 0).End());
  EXPECT_NE(Message(b).find("constant expression required"), std::string::npos);
  // 2.0: only imported globals are visible to constant expressions.
  b.m.globals[0].type.mutable_ = false;
  EXPECT_EQ(Message(b), "valid");
  EXPECT_NE(Message(b, wasm::SpecVersion::V2).find("unknown global 0"), std::string::npos);
  // (global i32 (i32.add (i32.const 1) (i32.const 2))): extended constants are 3.0 only.
  Builder c;
  c.Global(ValType::I32(), false, Code().I32(1).I32(2).Op(Opcode::I32Add).End());
  EXPECT_EQ(Message(c), "valid");
  EXPECT_NE(Message(c, wasm::SpecVersion::V2).find("constant expression required"),
            std::string::npos);
  // (global i32 (i32.const 0) (nop))
  Builder d;
  d.Global(ValType::I32(), false, Code().I32(0).Op(Opcode::Nop).End());
  EXPECT_NE(Message(d).find("nop: constant expression required"), std::string::npos);
}

// (func (drop (ref.func 0))) -- undeclared; declaring it in an elem segment makes it valid.
TEST(Validator, DeclaredFunctionReferences) {
  Builder b;
  b.Func(b.Type({}, {}), Code().Op(Opcode::RefFunc, 0).Op(Opcode::Drop).End());
  EXPECT_NE(Message(b).find("undeclared function reference"), std::string::npos);
  wasm::ElemSegment e;
  e.mode = wasm::SegmentMode::Declarative;
  e.func_indices = {0};
  b.m.elems.push_back(e);
  EXPECT_EQ(Message(b), "valid");
}

// (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1)))
TEST(Validator, ImmutableGlobal) {
  Builder b;
  b.Global(ValType::I32(), false, Code().I32(0).End());
  b.Func(b.Type({}, {}), Code().I32(1).Op(Opcode::GlobalSet, 0).End());
  EXPECT_NE(Message(b).find("global is immutable"), std::string::npos);
}

// (func (result i32) (return_call 1)) (func (result i64) ...) -- tail call result mismatch.
TEST(Validator, TailCallResultsMustMatch) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code().Op(Opcode::ReturnCall, 1).End());
  b.Func(b.Type({}, {ValType::I64()}), Code().Op(Opcode::I64Const).End());
  EXPECT_NE(Message(b).find("return_call: type mismatch"), std::string::npos);
  b.m.functions[1].type_index = 0;
  b.m.functions[1].body.instrs[0].op = Opcode::I32Const;
  EXPECT_EQ(Message(b), "valid");
}

// (func (result i32) (i32.const 0) (i32.const 0)) -- one value too many at the end.
TEST(Validator, ExtraValuesAtEnd) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code().I32(0).I32(0).End());
  EXPECT_NE(Message(b).find("end: type mismatch: 1 extra value"), std::string::npos);
}

} // namespace

namespace {

// Check() gives Validate()'s verdict and message without building side tables.
TEST(Validator, CheckAgreesWithValidate) {
  Builder b;
  b.Func(b.Type({}, {ValType::I32()}), Code().I32(1).F32().Op(Opcode::I32Add).End());
  b.m.CountImports();
  support::Status checked = wasm::Check(b.m);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().message, Message(b));
  b.m.functions[0].body.instrs[1].op = Opcode::I32Const;
  EXPECT_TRUE(wasm::Check(b.m).ok());
  EXPECT_EQ(Message(b), "valid");
}

}  // namespace
