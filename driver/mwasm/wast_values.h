// Values of the .wast script language (the spec interpreter's test scripts): the constant
// arguments of `invoke`, the result patterns of `assert_return` (`nan:canonical`,
// `nan:arithmetic`, `ref.null`, `ref.func`, `ref.extern N`, `either`, v128 lanes) and the
// `spectest` host module every suite file may import from.
#pragma once

#include <string>
#include <vector>

#include "runtime/store.h"
#include "runtime/value.h"
#include "support/expected.h"
#include "wasm/text_parser_internal.h"

namespace minicc::driver::wast {

// const ::= (i32.const n) | (i64.const n) | (f32.const z) | (f64.const z)
//         | (v128.const shape lane*) | (ref.null heaptype) | (ref.extern n) | (ref.host n)
// Parses one at the cursor (a `(`); the cursor ends after its `)`.
support::Expected<runtime::Value> ParseConst(wasm::text::Parser& p);

// One lane of an expected v128, or an expected f32/f64.
struct FloatPattern {
  enum class Kind : uint8_t { Bits, NanCanonical, NanArithmetic } kind = Kind::Bits;
  uint64_t bits = 0;
};

// result ::= const | (f32.const nan:canonical) | (f32.const nan:arithmetic) (same for f64 and
//            v128 float lanes) | (ref.null ht?) | (ref.func idx?) | (ref.extern n?)
//          | (either result*)
struct ResultPattern {
  enum class Kind : uint8_t {
    Exact,       // `value`, bit for bit (floats included)
    Float,       // f32/f64 with a NaN class: `type` and lanes[0]
    Lanes,       // v128: lane_bits wide lanes, float or integer
    RefNull,     // any null reference
    RefFunc,     // any non-null function reference
    RefExtern,   // a non-null external reference; `value` holds it when has_payload
    Either,      // one of `alternatives`
    Unsupported, // a GC pattern (ref.struct, ref.i31, ...): never matches
  } kind = Kind::Exact;
  runtime::Value value;
  wasm::ValType type;
  bool has_payload = false;
  int lane_bits = 0;
  bool lane_float = false;
  std::vector<FloatPattern> lanes;
  std::vector<ResultPattern> alternatives;
  std::string text; // as written in the script, for messages
};

support::Expected<ResultPattern> ParseResult(wasm::text::Parser& p);

bool Matches(const ResultPattern& pattern, const runtime::Value& value);

// A value as a script would write it: `(i32.const 1)`, `(f32.const nan:0x200000)`,
// `(v128.const i32x4 ...)`, `(ref.null)`, `(ref.extern 3)`.
std::string ValueText(const runtime::Value& value);

// Defines the `spectest` module in `linker`: print, print_i32, print_i64, print_f32,
// print_f64, print_i32_f32, print_f64_f64 (they print nothing), global_i32/i64 (666),
// global_f32/f64 (666.6), table (10..20 funcref), table64, memory (1..2 pages) and
// shared_memory (1..2 pages, shared).
void DefineSpectest(runtime::Store& store, runtime::Linker& linker);

} // namespace minicc::driver::wast
