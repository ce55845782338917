// Runtime values as the embedding API sees them: a value type plus its bits. Floats are kept as
// raw bits so that NaN payloads survive every round trip (host -> guest -> host) unchanged.
#pragma once

#include <bit>
#include <optional>
#include <string>
#include <cstdint>
#include <string>

#include "wasm/module.h"
#include "wasm/types.h"

namespace minicc::runtime {

struct Func;

// A reference: 0 is null. A funcref holds the address of its Func; an externref holds the
// embedder's payload plus one (so that payload 0 is not null).
struct Ref {
  uint64_t bits = 0;

  bool IsNull() const { return bits == 0; }
  static Ref Null() { return {}; }
  static Ref FromFunc(const Func* f) { return {reinterpret_cast<uint64_t>(f)}; }
  static Ref Extern(uint64_t payload) { return {payload + 1}; }
  Func* AsFunc() const { return reinterpret_cast<Func*>(bits); }
  uint64_t ExternPayload() const { return bits - 1; }
  bool operator==(const Ref&) const = default;
};

struct Value {
  wasm::ValType type = wasm::ValType::I32();
  union {
    uint32_t i32;
    uint64_t i64;
    uint32_t f32_bits;
    uint64_t f64_bits;
    wasm::V128 v128;
    Ref ref;
  };

  Value() : v128{} {}
  static Value I32(uint32_t v) { Value r; r.type = wasm::ValType::I32(); r.i32 = v; return r; }
  static Value I64(uint64_t v) { Value r; r.type = wasm::ValType::I64(); r.i64 = v; return r; }
  static Value F32Bits(uint32_t b) { Value r; r.type = wasm::ValType::F32(); r.f32_bits = b; return r; }
  static Value F64Bits(uint64_t b) { Value r; r.type = wasm::ValType::F64(); r.f64_bits = b; return r; }
  static Value F32(float f) { return F32Bits(std::bit_cast<uint32_t>(f)); }
  static Value F64(double d) { return F64Bits(std::bit_cast<uint64_t>(d)); }
  static Value V128(const wasm::V128& v) { Value r; r.type = wasm::ValType::V128(); r.v128 = v; return r; }
  static Value MakeRef(wasm::ValType t, Ref ref) { Value r; r.type = t; r.ref = ref; return r; }
  static Value FuncRef(const Func* f) { return MakeRef(wasm::ValType::FuncRef(), Ref::FromFunc(f)); }
  static Value ExternRef(uint64_t payload) {
    return MakeRef(wasm::ValType::ExternRef(), Ref::Extern(payload));
  }
  // The default value of a type (zero, or a null reference): what locals and tables start with.
  static Value Default(wasm::ValType t) { Value r; r.type = t; return r; }

  float f32() const { return std::bit_cast<float>(f32_bits); }
  double f64() const { return std::bit_cast<double>(f64_bits); }
};

// Bit-exact equality (NaNs compare by payload), including the type.
bool SameValue(const Value& a, const Value& b);

// How `mwasm run --invoke` prints a value: i32/i64 in (signed) decimal, floats with their
// shortest round-trip digits (nan/inf spelled as in the text format), refs as `ref.null` /
// `ref.func` / `ref.extern N`.
std::string ToString(const Value& v);

// Parses a command-line argument (`--invoke NAME ARGS`) as a value of type `t`: integers in C
// syntax (decimal, 0x.., negative), floats as strtod accepts them, `null` for references;
// nullopt if malformed or out of range.
std::optional<Value> ParseValue(const std::string& s, wasm::ValType t);

}  // namespace minicc::runtime
