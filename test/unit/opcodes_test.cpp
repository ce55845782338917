// The opcode table: every row decodes back to itself, names resolve, signatures parse.
#include "wasm/opcodes.h"

#include <gtest/gtest.h>

using namespace minicc::wasm;

TEST(Opcodes, EveryRowDecodesToItself) {
  for (size_t i = 0; i < kOpcodeCount; ++i) {
    Opcode op = static_cast<Opcode>(i);
    const OpcodeInfo& info = Info(op);
    std::optional<Opcode> back =
        info.prefix == 0 ? DecodeOpcode(static_cast<uint8_t>(info.code))
                         : DecodePrefixed(info.prefix, info.code);
    ASSERT_TRUE(back.has_value()) << info.name;
    EXPECT_EQ(*back, op) << info.name;
    bool found = false;
    for (Opcode o : LookupByName(info.name)) found |= o == op;
    EXPECT_TRUE(found) << info.name;
  }
}

TEST(Opcodes, KnownEncodings) {
  EXPECT_EQ(Info(Opcode::I32Add).code, 0x6Au);
  EXPECT_EQ(Info(Opcode::I32Add).num_params, 2);
  EXPECT_EQ(Info(Opcode::I32Load).natural_align, 2);
  EXPECT_EQ(Info(Opcode::MemoryCopy).prefix, 0xFC);
  EXPECT_EQ(Info(Opcode::MemoryCopy).code, 10u);
  EXPECT_EQ(Info(Opcode::I8x16RelaxedSwizzle).code, 0x100u);
  EXPECT_EQ(Info(Opcode::I64AtomicRmw32CmpxchgU).code, 0x4Eu);
  EXPECT_FALSE(DecodeOpcode(0xFF).has_value());
  EXPECT_FALSE(DecodePrefixed(0xFD, 154).has_value());  // reserved SIMD slot
  EXPECT_EQ(LookupByName("select").size(), 2u);
  EXPECT_TRUE(LookupByName("i32.bogus").empty());
}

TEST(Opcodes, EncodePrefixed) {
  uint8_t buf[6];
  EXPECT_EQ(EncodeOpcode(Opcode::I8x16RelaxedSwizzle, buf), 3u);
  EXPECT_EQ(buf[0], 0xFD);
  EXPECT_EQ(buf[1], 0x80);
  EXPECT_EQ(buf[2], 0x02);
}
