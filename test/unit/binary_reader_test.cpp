// Binary reader: sections, instruction decoding into Instr records, the name section, spec 2.0
// restrictions, and malformed inputs rejected with the spec tests' messages and offsets.
#include "wasm/binary_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace minicc::wasm;

namespace {

std::vector<uint8_t> Header() {
  return {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
}

std::vector<uint8_t> Concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out = Header();
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::string ErrorOf(const std::vector<uint8_t>& bytes, SpecVersion spec = SpecVersion::V3,
                    uint64_t* offset = nullptr) {
  ReadOptions o;
  o.spec = spec;
  auto m = ReadModule(bytes, o);
  if (m)
    return "ok";
  if (offset)
    *offset = m.error().offset;
  return m.error().message;
}

// (module (func (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const std::vector<uint8_t> kAdd = Concat({
    {0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F},             // type
    {0x03, 0x02, 0x01, 0x00},                                           // function
    {0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00},                // export "add"
    {0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B}, // code
});

TEST(BinaryReader, DecodesSectionsAndCode) {
  auto m = ReadModule(kAdd);
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(m->types.size(), 1u);
  EXPECT_EQ(ToString(m->types[0].func), "(i32, i32) -> i32");
  ASSERT_EQ(m->functions.size(), 1u);
  const Function& f = m->functions[0];
  EXPECT_EQ(f.body_offset, 0x21u);
  EXPECT_EQ(f.body_size, 7u);
  ASSERT_EQ(f.body.instrs.size(), 4u);
  EXPECT_EQ(f.body.instrs[0].op, Opcode::LocalGet);
  EXPECT_EQ(f.body.instrs[1].a, 1u);
  EXPECT_EQ(f.body.instrs[2].op, Opcode::I32Add);
  EXPECT_EQ(f.body.instrs[2].offset, 0x27u);
  EXPECT_EQ(f.body.instrs[3].op, Opcode::End);
  ASSERT_EQ(m->exports.size(), 1u);
  EXPECT_EQ(m->exports[0].name, "add");
  ASSERT_EQ(m->sections.size(), 4u);
  EXPECT_EQ(m->sections[3].id, 10);
  EXPECT_EQ(m->sections[3].offset, 0x1Eu);
  EXPECT_EQ(m->sections[3].size, 9u);
}

TEST(BinaryReader, ImmediatesGoWhereModuleHDocumentsThem) {
  // (func i32.const -1 i64.const 5 drop drop  i32.const 0 i32.load offset=16 align=4 drop
  //  block (result i32) i32.const 1 br_table 0 0 end drop)
  auto bytes = Concat({
      {0x01, 0x04, 0x01, 0x60, 0x00, 0x00},
      {0x03, 0x02, 0x01, 0x00},
      {0x05, 0x03, 0x01, 0x00, 0x01},
      {0x0A, 0x1A, 0x01, 0x18, 0x00, 0x41, 0x7F, 0x42, 0x05, 0x1A, 0x1A, 0x41, 0x00, 0x28,
       0x02, 0x10, 0x1A, 0x02, 0x7F, 0x41, 0x01, 0x0E, 0x01, 0x00, 0x00, 0x0B, 0x1A, 0x0B},
  });
  auto m = ReadModule(bytes);
  ASSERT_TRUE(m) << m.error().message;
  const Expr& e = m->functions[0].body;
  EXPECT_EQ(int32_t(e.instrs[0].c), -1);
  EXPECT_EQ(e.instrs[1].c, 5u);
  const Instr& load = e.instrs[5];
  EXPECT_EQ(load.op, Opcode::I32Load);
  EXPECT_EQ(load.a, 2u);  // align exponent
  EXPECT_EQ(load.b, 0u);  // memory 0
  EXPECT_EQ(load.c, 16u); // offset
  const Instr& block = e.instrs[7];
  EXPECT_EQ(e.block_types[block.a].kind, BlockType::Kind::Value);
  const Instr& br_table = e.instrs[9];
  EXPECT_EQ(br_table.b, 2u); // one target + default
  EXPECT_EQ(e.u32s[br_table.a], 0u);
}

TEST(BinaryReader, NameSection) {
  auto bytes = kAdd;
  // custom "name": module name "m", function 0 "add", locals of 0: 0 "a"
  std::vector<uint8_t> name = {0x00, 0x19, 0x04, 'n',  'a',  'm',  'e',  0x00, 0x02,
                               0x01, 'm',  0x01, 0x06, 0x01, 0x00, 0x03, 'a',  'd',
                               'd',  0x02, 0x06, 0x01, 0x00, 0x01, 0x00, 0x01, 'a'};
  bytes.insert(bytes.end(), name.begin(), name.end());
  auto m = ReadModule(bytes);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->names.module, "m");
  ASSERT_NE(m->FuncName(0), nullptr);
  EXPECT_EQ(*m->FuncName(0), "add");
  ASSERT_EQ(m->names.locals.size(), 1u);
  EXPECT_EQ(m->names.locals[0].second[0].second, "a");
  ASSERT_EQ(m->customs.size(), 1u);
  EXPECT_EQ(m->customs[0].after_section, 10);
}

TEST(BinaryReader, MalformedNameSectionIsKeptButIgnored) {
  auto bytes = kAdd;
  std::vector<uint8_t> name = {0x00, 0x08, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x09, 0x01};
  bytes.insert(bytes.end(), name.begin(), name.end());
  auto m = ReadModule(bytes);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_TRUE(m->names.functions.empty());
  ASSERT_EQ(m->customs.size(), 1u);
  EXPECT_EQ(m->customs[0].bytes.size(), 3u);
}

TEST(BinaryReader, MalformedMessagesAndOffsets) {
  uint64_t off = 0;
  EXPECT_EQ(ErrorOf({0x00, 0x61, 0x73}), "unexpected end");
  EXPECT_EQ(ErrorOf({0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0}), "magic header not detected");
  EXPECT_EQ(ErrorOf({0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0}), "unknown binary version");
  EXPECT_EQ(ErrorOf(Concat({{0x0E, 0x00}}), SpecVersion::V3, &off), "malformed section id");
  EXPECT_EQ(off, 8u);
  EXPECT_EQ(ErrorOf(Concat({{0x0D, 0x01, 0x00}}), SpecVersion::V2), "malformed section id");
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x05, 0x00}})), "length out of bounds");
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x02, 0x00, 0x00}})), "section size mismatch");
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x80, 0x80, 0x80, 0x80, 0x10}})), "integer too large");
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}})),
            "integer representation too long");
  EXPECT_EQ(ErrorOf(Concat({{0x03, 0x01, 0x00}, {0x03, 0x01, 0x00}})),
            "unexpected content after last section");
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x04, 0x01, 0x60, 0x00, 0x00}, {0x03, 0x02, 0x01, 0x00}})),
            "function and code section have inconsistent lengths");
  EXPECT_EQ(ErrorOf(Concat({{0x00, 0x03, 0x02, 0xC0, 0x80}})), "malformed UTF-8 encoding");
  EXPECT_EQ(ErrorOf(Concat({{0x05, 0x02, 0x01, 0x10}})), "malformed limits flags");
  EXPECT_EQ(ErrorOf(Concat({{0x06, 0x04, 0x01, 0x7F, 0x02, 0x0B}})), "malformed mutability");
}

TEST(BinaryReader, Spec20ForbidsWhat30Allows) {
  // memory.size with memory index 1: a multi-memory index in 3.0, a bad zero byte in 2.0.
  auto bytes = Concat({
      {0x01, 0x04, 0x01, 0x60, 0x00, 0x00},
      {0x03, 0x02, 0x01, 0x00},
      {0x05, 0x05, 0x02, 0x00, 0x01, 0x00, 0x01},
      {0x0A, 0x07, 0x01, 0x05, 0x00, 0x3F, 0x01, 0x1A, 0x0B},
  });
  EXPECT_EQ(ErrorOf(bytes), "ok");
  EXPECT_EQ(ErrorOf(bytes, SpecVersion::V2), "zero byte expected");
  // return_call (tail calls) is not a 2.0 instruction.
  auto tail = Concat({
      {0x01, 0x04, 0x01, 0x60, 0x00, 0x00},
      {0x03, 0x02, 0x01, 0x00},
      {0x0A, 0x06, 0x01, 0x04, 0x00, 0x12, 0x00, 0x0B},
  });
  EXPECT_EQ(ErrorOf(tail), "ok");
  EXPECT_EQ(ErrorOf(tail, SpecVersion::V2), "illegal opcode 12");
}

TEST(BinaryReader, HugeCountsDoNotAllocate) {
  // 2^32-1 types declared in a 5-byte section: fails at the end of input, reserves nothing big.
  EXPECT_EQ(ErrorOf(Concat({{0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}})),
            "unexpected end of section or function");
}

} // namespace
