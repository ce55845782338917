// Value equality and printing.
#include "runtime/value.h"

#include <fmt/core.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
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

std::optional<Value> ParseValue(const std::string& s, wasm::ValType t) {
  const char* p = s.c_str();
  char* end = nullptr;
  errno = 0;
  switch (t.kind) {
    case wasm::ValKind::I32: case wasm::ValKind::I64: {
      bool neg = *p == '-';
      uint64_t v = neg ? uint64_t(std::strtoll(p, &end, 0)) : std::strtoull(p, &end, 0);
      if (end == p || *end != '\0' || errno == ERANGE) return std::nullopt;
      if (t.kind == wasm::ValKind::I64) return Value::I64(v);
      if (neg ? int64_t(v) < INT32_MIN : v > UINT32_MAX) return std::nullopt;
      return Value::I32(uint32_t(v));
    }
    case wasm::ValKind::F32: {
      float f = std::strtof(p, &end);
      if (end == p || *end != '\0') return std::nullopt;
      return Value::F32(f);
    }
    case wasm::ValKind::F64: {
      double d = std::strtod(p, &end);
      if (end == p || *end != '\0') return std::nullopt;
      return Value::F64(d);
    }
    case wasm::ValKind::Ref:
      if (s == "null") return Value::MakeRef(t, Ref::Null());
      return std::nullopt;
    case wasm::ValKind::V128:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace minicc::runtime
