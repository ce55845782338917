// Text printer: Module -> WAT, in the flat style of wabt's `wasm2wat` (one instruction per line,
// `(;N;)` index comments, `$name` ids from the `name` section where the name is a valid id).
// The output re-assembles to the same bytes: floats are printed as exact hex floats (NaNs with
// their payload), type uses keep their explicit `(type N)`, and segments keep their form.
#pragma once

#include <functional>
#include <string>

#include "wasm/module.h"

namespace minicc::wasm {

std::string PrintModule(const Module& module);

// How InstrText spells what the printer and `mwasm dump` spell differently.
struct InstrStyle {
  const Module* module = nullptr;             // when set, type uses list their params and results
  std::function<std::string(uint32_t)> func;  // a function index (default: the number)
  std::function<std::string(uint32_t)> local; // a local index (default: the number)
  bool decimal_floats = false;                // shortest round-trip decimal instead of hex floats
};

// One instruction as text, e.g. `local.get 0`, `i32.load offset=4`, `call_indirect (type 1)`.
std::string InstrText(const Expr& expr, const Instr& instr, const InstrStyle& style = {});

// The text of a float constant that parses back to exactly `bits`: `0x1.8p+1`, `-0x0p+0`,
// `inf`, `nan` (the canonical payload), `nan:0x200000`.
std::string F32Text(uint32_t bits);
std::string F64Text(uint64_t bits);

// A string literal's contents with the text format's escapes (printable ASCII kept).
std::string QuotedString(std::string_view bytes);

} // namespace minicc::wasm
