// The mini-C backend: lowers type-checked translation units (frontend/ast.h) to one
// wasm::Module on clang's wasm32 ILP32 data model.
//
// Memory layout: address 0..1023 unused (null stays invalid), then the data of globals and
// string literals, then the shadow stack (the mutable global __stack_pointer, growing down in
// 16-byte aligned frames), then the heap from `__heap_base` (exported as a global), grown with
// memory.grow. Scalars whose address is never taken live in Wasm locals.
#pragma once

#include <cstdint>
#include <vector>

#include "frontend/ast.h"
#include "support/expected.h"
#include "wasm/module.h"

namespace minicc::backend {

struct Options {
  int opt_level = 0;           // 0 or 1
  bool emit_start = true;      // a `_start` that calls main and proc_exit when main exists
  uint32_t stack_size = 65536; // bytes of shadow stack
};

// One input translation unit. Library units (the stdlib) contribute only the functions and data
// that the program reaches; program units contribute everything, and their non-static
// functions are exported.
struct Unit {
  const frontend::TranslationUnit* tu = nullptr;
  bool is_library = false;
};

// Whole-program code generation. Errors (undefined symbols, unsupported constructs) come back
// as one message, already formatted with file:line:col where a location is known.
support::Expected<wasm::Module> Generate(const std::vector<Unit>& units, const Options& options);

} // namespace minicc::backend
