// LEB128 edge cases (spec 5.2.2): maximal lengths, overlong encodings, unused bits set in the
// last byte, signed extremes, and canonical encoding round trips.
#include "wasm/leb128.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

using namespace minicc::wasm;

namespace {

struct Decoded {
  uint64_t u = 0;
  int64_t s = 0;
  size_t len = 0;
  LebError err = LebError::None;
};

Decoded U(std::vector<uint8_t> b, unsigned bits) {
  Decoded d;
  d.u = DecodeULeb128(b.data(), b.data() + b.size(), bits, &d.len, &d.err);
  return d;
}
Decoded S(std::vector<uint8_t> b, unsigned bits) {
  Decoded d;
  d.s = DecodeSLeb128(b.data(), b.data() + b.size(), bits, &d.len, &d.err);
  return d;
}

}  // namespace

TEST(Leb128, UnsignedSmall) {
  auto d = U({0x00}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.u, 0u);
  EXPECT_EQ(d.len, 1u);
  d = U({0xE5, 0x8E, 0x26}, 32);
  EXPECT_EQ(d.u, 624485u);
  EXPECT_EQ(d.len, 3u);
}

TEST(Leb128, UnsignedNonMinimalButInRangeIsAccepted) {
  // 0 padded to 5 bytes is a valid u32 encoding.
  auto d = U({0x80, 0x80, 0x80, 0x80, 0x00}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.u, 0u);
  EXPECT_EQ(d.len, 5u);
}

TEST(Leb128, UnsignedMaxU32) {
  auto d = U({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.u, 0xFFFFFFFFu);
}

TEST(Leb128, UnsignedTooLong) {
  auto d = U({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32);
  EXPECT_EQ(d.err, LebError::TooLong);
  EXPECT_STREQ(LebErrorMessage(d.err), "integer representation too long");
}

TEST(Leb128, UnsignedUnusedBitsSet) {
  auto d = U({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 32);
  EXPECT_EQ(d.err, LebError::TooLarge);
  EXPECT_STREQ(LebErrorMessage(d.err), "integer too large");
  d = U({0x80, 0x80, 0x80, 0x80, 0x70}, 32);
  EXPECT_EQ(d.err, LebError::TooLarge);
}

TEST(Leb128, UnsignedU64Extremes) {
  auto d = U({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 64);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.u, std::numeric_limits<uint64_t>::max());
  d = U({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}, 64);
  EXPECT_EQ(d.err, LebError::TooLarge);
  d = U({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 64);
  EXPECT_EQ(d.err, LebError::TooLong);
}

TEST(Leb128, UnexpectedEnd) {
  EXPECT_EQ(U({}, 32).err, LebError::UnexpectedEnd);
  EXPECT_EQ(U({0x80, 0x80}, 32).err, LebError::UnexpectedEnd);
  EXPECT_EQ(S({0xFF}, 64).err, LebError::UnexpectedEnd);
}

TEST(Leb128, SignedSmall) {
  EXPECT_EQ(S({0x7F}, 32).s, -1);
  EXPECT_EQ(S({0x3F}, 32).s, 63);
  EXPECT_EQ(S({0x40}, 32).s, -64);
  EXPECT_EQ(S({0xC0, 0xBB, 0x78}, 32).s, -123456);
}

TEST(Leb128, SignedI32Extremes) {
  auto d = S({0x80, 0x80, 0x80, 0x80, 0x78}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, std::numeric_limits<int32_t>::min());
  d = S({0xFF, 0xFF, 0xFF, 0xFF, 0x07}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, std::numeric_limits<int32_t>::max());
  // -1 padded to 5 bytes with correct sign extension.
  d = S({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 32);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, -1);
}

TEST(Leb128, SignedUnusedBitsMustExtendSign) {
  // Positive value with bits above bit 31 set.
  EXPECT_EQ(S({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32).err, LebError::TooLarge);
  // Negative value whose upper bits are not all ones.
  EXPECT_EQ(S({0x80, 0x80, 0x80, 0x80, 0x70}, 32).err, LebError::TooLarge);
  EXPECT_EQ(S({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32).err, LebError::TooLong);
}

TEST(Leb128, SignedI64Extremes) {
  auto d = S({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, 64);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, std::numeric_limits<int64_t>::min());
  d = S({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00}, 64);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, std::numeric_limits<int64_t>::max());
  EXPECT_EQ(S({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, 64).err,
            LebError::TooLarge);
  EXPECT_EQ(S({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x70}, 64).err,
            LebError::TooLarge);
}

TEST(Leb128, SignedS33BlockTypeRange) {
  // s33 allows 2^32-1 as a positive type index.
  auto d = S({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 33);
  EXPECT_EQ(d.err, LebError::None);
  EXPECT_EQ(d.s, int64_t{0xFFFFFFFF});
}

TEST(Leb128, CanonicalRoundTrip) {
  const int64_t values[] = {0, 1, -1, 63, 64, -64, -65, 127, 128, 624485, -123456,
                            std::numeric_limits<int32_t>::min(), std::numeric_limits<int64_t>::min(),
                            std::numeric_limits<int64_t>::max()};
  for (int64_t v : values) {
    uint8_t buf[10];
    size_t n = EncodeSLeb128(v, buf);
    size_t len;
    LebError err;
    EXPECT_EQ(DecodeSLeb128(buf, buf + n, 64, &len, &err), v);
    EXPECT_EQ(err, LebError::None);
    EXPECT_EQ(len, n);
    uint64_t u = static_cast<uint64_t>(v);
    n = EncodeULeb128(u, buf);
    EXPECT_EQ(DecodeULeb128(buf, buf + n, 64, &len, &err), u);
    EXPECT_EQ(len, n);
  }
  uint8_t buf[10];
  EXPECT_EQ(EncodeSLeb128(-64, buf), 1u);
  EXPECT_EQ(EncodeSLeb128(64, buf), 2u);
  EXPECT_EQ(EncodeULeb128(127, buf), 1u);
  EXPECT_EQ(EncodeULeb128(128, buf), 2u);
}
