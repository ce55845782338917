// Value equality and printing.
#include "runtime/value.h"

#include <fmt/core.h>

#include <cmath>
#include <cstring>

namespace minicc::runtime {

bool SameValue(const Value& a, const Value& b) {
  if (a.type.kind != b.type.kind) return false;
  switch (a.type.kind) {
    case wasm::ValKind::I32: case wasm::ValKind::F32: return a.i32 == b.i32;
    case wasm::ValKind::I64: case wasm::ValKind::F64: return a.i64 == b.i64;
    case wasm::ValKind::V128: return a.v128 == b.v128;
    case wasm::ValKind::Ref: return a.ref == b.ref;
  }
  return false;
}

namespace {

template <typename F, typename Bits>
std::string FloatToString(Bits bits) {
  constexpr int kMantBits = sizeof(F) == 4 ? 23 : 52;
  F f;
  std::memcpy(&f, &bits, sizeof f);
  bool neg = bits >> (sizeof(Bits) * 8 - 1);
  if (std::isnan(f)) {
    Bits payload = bits & ((Bits(1) << kMantBits) - 1);
    std::string s = neg ? "-nan" : "nan";
    if (payload != (Bits(1) << (kMantBits - 1))) s += fmt::format(":0x{:x}", payload);
    return s;
  }
  if (std::isinf(f)) return neg ? "-inf" : "inf";
  return fmt::format("{}", f);
}

}  // namespace

std::string ToString(const Value& v) {
  switch (v.type.kind) {
    case wasm::ValKind::I32: return fmt::format("{}", int32_t(v.i32));
    case wasm::ValKind::I64: return fmt::format("{}", int64_t(v.i64));
    case wasm::ValKind::F32: return FloatToString<float>(v.f32_bits);
    case wasm::ValKind::F64: return FloatToString<double>(v.f64_bits);
    case wasm::ValKind::V128: {
      std::string s = "v128";
      for (int i = 0; i < 4; ++i) {
        uint32_t lane;
        std::memcpy(&lane, v.v128.data() + 4 * i, 4);
        s += fmt::format(" 0x{:08x}", lane);
      }
      return s;
    }
    case wasm::ValKind::Ref:
      if (v.ref.IsNull()) return "ref.null";
      if (v.type.heap.kind == wasm::HeapKind::Extern) {
        return fmt::format("ref.extern {}", v.ref.ExternPayload());
      }
      return "ref.func";
  }
  return "?";
}

}  // namespace minicc::runtime
