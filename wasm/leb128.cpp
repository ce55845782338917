// LEB128 codecs. Decoders never read past `end` and reject overlong or overflowing encodings
// with the spec test suite's messages.
#include "wasm/leb128.h"

namespace minicc::wasm {

uint64_t DecodeULeb128(const uint8_t* p, const uint8_t* end, unsigned bits, size_t* len,
                       LebError* err) {
  const unsigned max_bytes = (bits + 6) / 7;
  uint64_t result = 0;
  unsigned shift = 0;
  for (unsigned i = 0;; ++i) {
    if (p + i >= end) {
      *err = LebError::UnexpectedEnd;
      *len = i;
      return 0;
    }
    uint8_t byte = p[i];
    if (i == max_bytes - 1) {
      // Last allowed byte: continuation bit forbidden; bits beyond `bits` must be zero.
      if (byte & 0x80) {
        *err = LebError::TooLong;
        *len = i + 1;
        return 0;
      }
      unsigned used = bits - shift;  // value bits this byte may carry
      if (used < 7 && (byte >> used) != 0) {
        *err = LebError::TooLarge;
        *len = i + 1;
        return 0;
      }
      result |= uint64_t{byte} << shift;
      *len = i + 1;
      *err = LebError::None;
      return result;
    }
    result |= uint64_t{byte & 0x7Fu} << shift;
    shift += 7;
    if (!(byte & 0x80)) {
      *len = i + 1;
      *err = LebError::None;
      return result;
    }
  }
}

int64_t DecodeSLeb128(const uint8_t* p, const uint8_t* end, unsigned bits, size_t* len,
                      LebError* err) {
  const unsigned max_bytes = (bits + 6) / 7;
  uint64_t result = 0;
  unsigned shift = 0;
  for (unsigned i = 0;; ++i) {
    if (p + i >= end) {
      *err = LebError::UnexpectedEnd;
      *len = i;
      return 0;
    }
    uint8_t byte = p[i];
    if (i == max_bytes - 1) {
      if (byte & 0x80) {
        *err = LebError::TooLong;
        *len = i + 1;
        return 0;
      }
      // The bits above the value's sign bit must all equal the sign bit.
      unsigned used = bits - shift;  // 1..7 value bits in this byte
      if (used < 7) {
        int8_t sbyte = static_cast<int8_t>(byte << 1) >> 1;  // sign-extend 7 bits
        int8_t ext = static_cast<int8_t>(static_cast<uint8_t>(sbyte << (8 - used))) >>
                     (8 - used);
        if (sbyte != ext) {
          *err = LebError::TooLarge;
          *len = i + 1;
          return 0;
        }
      }
      result |= uint64_t{byte & 0x7Fu} << shift;
      shift += 7;
      if (shift < 64 && (byte & 0x40)) result |= ~uint64_t{0} << shift;
      *len = i + 1;
      *err = LebError::None;
      return static_cast<int64_t>(result);
    }
    result |= uint64_t{byte & 0x7Fu} << shift;
    shift += 7;
    if (!(byte & 0x80)) {
      if (shift < 64 && (byte & 0x40)) result |= ~uint64_t{0} << shift;
      *len = i + 1;
      *err = LebError::None;
      return static_cast<int64_t>(result);
    }
  }
}

size_t EncodeULeb128(uint64_t value, uint8_t* out) {
  size_t n = 0;
  do {
    uint8_t byte = value & 0x7F;
    value >>= 7;
    if (value) byte |= 0x80;
    out[n++] = byte;
  } while (value);
  return n;
}

size_t EncodeSLeb128(int64_t value, uint8_t* out) {
  size_t n = 0;
  for (;;) {
    uint8_t byte = value & 0x7F;
    value >>= 7;  // arithmetic shift
    bool done = (value == 0 && !(byte & 0x40)) || (value == -1 && (byte & 0x40));
    if (!done) byte |= 0x80;
    out[n++] = byte;
    if (done) return n;
  }
}

size_t EncodeULeb128Padded(uint64_t value, uint8_t* out, size_t width) {
  for (size_t i = 0; i < width; ++i) {
    uint8_t byte = value & 0x7F;
    value >>= 7;
    if (i + 1 < width) byte |= 0x80;
    out[i] = byte;
  }
  return width;
}

const char* LebErrorMessage(LebError e) {
  switch (e) {
    case LebError::None: return "ok";
    case LebError::UnexpectedEnd: return "unexpected end";
    case LebError::TooLong: return "integer representation too long";
    case LebError::TooLarge: return "integer too large";
  }
  return "?";
}

}  // namespace minicc::wasm
