// The .wast script runner behind `mwasm wast`: runs every command of a spec test script
// (module, register, invoke, get and the assert_* family) through the WAT parser, the binary
// reader, the validator and the runtime's embedding API, as a user's program would.
//
// The unit of counting is one command: a module that loads, a register or invoke that works,
// an assertion that holds. Anything not implemented counts as failed, never as passed. Each
// failure is printed as `FILE:LINE: COMMAND: why`.
#pragma once

#include <cstdint>
#include <string>

#include "support/diagnostics.h"
#include "wasm/types.h"

namespace minicc::driver::wast {

struct RunOptions {
  wasm::SpecVersion spec = wasm::SpecVersion::V3;
};

struct Counts {
  uint32_t passed = 0;
  uint32_t failed = 0;
};

// Runs the script in `file`, printing failures to stdout as they happen.
Counts RunScript(const support::SourceFile& file, const RunOptions& options);

} // namespace minicc::driver::wast
