// IEEE binary128, the `long double` of clang's wasm32 target, on the host: literal parsing
// (decimal and hex, correctly rounded to nearest-even) and the arithmetic that constant
// expressions need. Values are carried as their bit pattern (`lo`, `hi`: the two little-endian
// 64-bit halves, as the wasm32 ABI passes them).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace minicc::frontend {

struct F128 {
  uint64_t lo = 0, hi = 0;
  bool operator==(const F128&) const = default;
};

// Parses a C floating constant without suffix ("1.5", "1e-4950", "0x1.8p3"); nullopt when the
// whole string is not one. `overflow` is set when a finite literal rounds to infinity.
std::optional<F128> ParseF128(std::string_view s, bool* overflow = nullptr);

F128 F128FromDouble(double d);
double F128ToDouble(F128 x); // rounded to nearest-even
F128 F128FromInt(int64_t v, bool is_unsigned);
// Truncated toward zero; nullopt when out of the range of int64 (or uint64 when is_unsigned).
std::optional<int64_t> F128ToInt(F128 x, bool is_unsigned);
F128 F128Arith(char op, F128 a, F128 b); // op: + - * /
F128 F128Neg(F128 x);
// -1, 0, 1 for less, equal, greater; 2 when unordered (a NaN).
int F128Compare(F128 a, F128 b);
bool F128IsZero(F128 x);

} // namespace minicc::frontend
