// LEB128 encoding and overflow-checked decoding (spec 5.2.2). Decoding distinguishes the two
// malformed cases the spec tests name: "integer representation too long" (more bytes than
// ceil(N/7)) and "integer too large" (unused bits of the last byte not a sign/zero extension).
#pragma once

#include <cstddef>
#include <cstdint>

namespace minicc::wasm {

enum class LebError : uint8_t { None, UnexpectedEnd, TooLong, TooLarge };

// Decodes an unsigned LEB128 of at most `bits` bits from [p, end). On success returns the
// value, sets *len to the bytes consumed and *err to None.
uint64_t DecodeULeb128(const uint8_t* p, const uint8_t* end, unsigned bits, size_t* len,
                       LebError* err);
// Signed variant: `bits` is 32, 33 (block types, heap types) or 64.
int64_t DecodeSLeb128(const uint8_t* p, const uint8_t* end, unsigned bits, size_t* len,
                      LebError* err);

// Minimal (canonical) encodings. Return the number of bytes written (at most 10).
size_t EncodeULeb128(uint64_t value, uint8_t* out);
size_t EncodeSLeb128(int64_t value, uint8_t* out);
// Fixed-width (padded) unsigned encoding, e.g. 5 bytes for patchable section sizes.
size_t EncodeULeb128Padded(uint64_t value, uint8_t* out, size_t width);

const char* LebErrorMessage(LebError e);

}  // namespace minicc::wasm
