// Binary writer: canonical LEB128s, exact round trips of canonical input, custom section
// placement, modules built in code; and the reader's observer notes that `dump -x` prints.
#include "wasm/binary_writer.h"

#include <gtest/gtest.h>

#include <vector>

#include "wasm/binary_reader.h"
#include "wasm/dump.h"

using namespace minicc::wasm;

namespace {

std::vector<uint8_t> Bytes(std::initializer_list<std::vector<uint8_t>> sections) {
  std::vector<uint8_t> out = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
  for (const auto& s : sections)
    out.insert(out.end(), s.begin(), s.end());
  return out;
}

// (module (func (export "f") (result i32) i32.const 42) (@custom "c" (after type) "x"))
const std::vector<uint8_t> kCanonical = Bytes({
    {0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F},
    {0x00, 0x03, 0x01, 'c', 'x'},
    {0x03, 0x02, 0x01, 0x00},
    {0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00},
    {0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B},
});

TEST(BinaryWriter, CanonicalInputComesBackByteForByte) {
  auto m = ReadModule(kCanonical);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->customs[0].after_section, 1);
  EXPECT_EQ(WriteModule(*m), kCanonical);
}

TEST(BinaryWriter, PaddedLebsAreWrittenMinimal) {
  // The same module with the type section size and the i32.const written in 5 bytes.
  auto padded = Bytes({
      {0x01, 0x85, 0x80, 0x80, 0x80, 0x00, 0x01, 0x60, 0x00, 0x01, 0x7F},
      {0x00, 0x03, 0x01, 'c', 'x'},
      {0x03, 0x02, 0x01, 0x00},
      {0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00},
      {0x0A, 0x0A, 0x01, 0x08, 0x00, 0x41, 0xAA, 0x80, 0x80, 0x80, 0x00, 0x0B},
  });
  auto m = ReadModule(padded);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(WriteModule(*m), kCanonical);
}

TEST(BinaryWriter, ModuleBuiltInCode) {
  // (module (memory 1 2) (global (mut i64) (i64.const -1))
  //   (func (param f32) (local i32 i32) block end))
  minicc::wasm::Module m;
  SubType t;
  t.func.params = {ValType::F32()};
  m.types.push_back(t);
  Memory mem;
  mem.type.limits.min = 1;
  mem.type.limits.max = 2;
  m.memories.push_back(mem);
  Global g;
  g.type = {ValType::I64(), true};
  g.init.instrs = {{Opcode::I64Const, 0, 0, 0, 0, ~uint64_t{0}}, {Opcode::End}};
  m.globals.push_back(g);
  Function f;
  f.locals = {{2, ValType::I32()}};
  f.body.block_types.push_back({});
  f.body.instrs = {{Opcode::Block}, {Opcode::End}, {Opcode::End}};
  m.functions.push_back(f);
  std::vector<uint8_t> bytes = WriteModule(m);
  EXPECT_EQ(bytes, Bytes({
                       {0x01, 0x05, 0x01, 0x60, 0x01, 0x7D, 0x00},
                       {0x03, 0x02, 0x01, 0x00},
                       {0x05, 0x04, 0x01, 0x01, 0x01, 0x02},
                       {0x06, 0x06, 0x01, 0x7E, 0x01, 0x42, 0x7F, 0x0B},
                       {0x0A, 0x09, 0x01, 0x07, 0x01, 0x02, 0x7F, 0x02, 0x40, 0x0B, 0x0B},
                   }));
  auto back = ReadModule(bytes);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->globals[0].init.instrs[0].c, ~uint64_t{0});
  EXPECT_EQ(back->functions[0].locals[0].count, 2u);
}

TEST(ReadObserver, NotesEveryByteInOrder) {
  AnnotationCollector notes;
  ReadOptions options;
  options.observer = &notes;
  auto m = ReadModule(kCanonical, options);
  ASSERT_TRUE(m) << m.error().message;
  uint32_t next = 0;
  for (const Annotation& a : notes.annotations) {
    EXPECT_EQ(a.offset, next) << a.what; // contiguous: no byte left unexplained
    next = a.offset + a.size;
  }
  EXPECT_EQ(next, kCanonical.size());
  EXPECT_EQ(notes.annotations.back().what, "opcode end");
}

} // namespace
