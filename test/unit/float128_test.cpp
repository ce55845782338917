// Host-side binary128 literal parsing (frontend/float128.cpp): exact rounding of decimal and
// hex constants, subnormals, overflow, and the constant-folding helpers.
#include "frontend/float128.h"

#include <gtest/gtest.h>

using minicc::frontend::F128;
using minicc::frontend::ParseF128;

namespace {

F128 Bits(uint64_t hi, uint64_t lo) {
  return F128{lo, hi};
}

TEST(Float128, ParsesDecimalCorrectlyRounded) {
  EXPECT_EQ(*ParseF128("1"), Bits(0x3fff000000000000, 0));
  EXPECT_EQ(*ParseF128("0.1"), Bits(0x3ffb999999999999, 0x999999999999999a));
  EXPECT_EQ(*ParseF128("1.5e3"), Bits(0x4009770000000000, 0));
  // LDBL_MAX, LDBL_MIN, LDBL_EPSILON, LDBL_TRUE_MIN as float.h spells them.
  EXPECT_EQ(*ParseF128("1.18973149535723176508575932662800702e+4932"),
            Bits(0x7ffeffffffffffff, 0xffffffffffffffff));
  EXPECT_EQ(*ParseF128("3.36210314311209350626267781732175260e-4932"),
            Bits(0x0001000000000000, 0));
  EXPECT_EQ(*ParseF128("1.92592994438723585305597794258492732e-34"),
            Bits(0x3f8f000000000000, 0));
  EXPECT_EQ(*ParseF128("6.47517511943802511092443895822764655e-4966"), Bits(0, 1));
  // Halfway between 1 and its successor (1 + 2^-113) rounds to even (1); just above rounds up.
  EXPECT_EQ(*ParseF128("1.00000000000000000000000000000000009629649721936179265279889712924636592690508241076940976199693977832794189453125"),
            Bits(0x3fff000000000000, 0));
  EXPECT_EQ(*ParseF128("1.000000000000000000000000000000000096296497219361792652798897129246365926905082410769409761996939778327941894531251"),
            Bits(0x3fff000000000000, 1));
  EXPECT_EQ(*ParseF128("0"), Bits(0, 0));
  EXPECT_EQ(*ParseF128("1e-5000"), Bits(0, 0));
}

TEST(Float128, ParsesHex) {
  EXPECT_EQ(*ParseF128("0x1p-3"), Bits(0x3ffc000000000000, 0));
  EXPECT_EQ(*ParseF128("0x1.8p1"), Bits(0x4000800000000000, 0));
  EXPECT_EQ(*ParseF128("0x.8p0"), Bits(0x3ffe000000000000, 0));
  EXPECT_EQ(*ParseF128("0x1p-16494"), Bits(0, 1));
}

TEST(Float128, OverflowAndMalformed) {
  bool overflow = false;
  EXPECT_EQ(*ParseF128("1e5000", &overflow), Bits(0x7fff000000000000, 0));
  EXPECT_TRUE(overflow);
  EXPECT_FALSE(ParseF128("1.5x").has_value());
  EXPECT_FALSE(ParseF128("0x1.5").has_value()); // a hex float needs its p exponent
  EXPECT_FALSE(ParseF128("1e+").has_value());
}

TEST(Float128, Folding) {
  using namespace minicc::frontend;
  F128 third = F128Arith('/', F128FromInt(1, false), F128FromInt(3, false));
  EXPECT_EQ(third, Bits(0x3ffd555555555555, 0x5555555555555555));
  EXPECT_EQ(F128ToDouble(third), 1.0 / 3.0);
  EXPECT_EQ(*F128ToInt(F128FromDouble(-7.9), false), -7);
  EXPECT_FALSE(F128ToInt(*ParseF128("1e30"), false).has_value());
  EXPECT_EQ(F128Compare(F128Neg(third), third), -1);
  EXPECT_TRUE(F128IsZero(F128Neg(F128{})));
}

} // namespace
