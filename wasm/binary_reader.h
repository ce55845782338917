// Binary reader: bytes -> Module. The input is untrusted: every malformed case is rejected
// with the spec test suite's message and the byte offset where it was found; counts are
// checked against the remaining bytes before anything is allocated.
#pragma once

#include <cstdint>
#include <span>

#include "support/expected.h"
#include "wasm/module.h"

namespace minicc::wasm {

struct ReadOptions {
  SpecVersion spec = SpecVersion::V3;
  bool read_names = true;  // decode the `name` custom section into Module::names
};

support::Expected<Module> ReadModule(std::span<const uint8_t> bytes,
                                     const ReadOptions& options = {});

}  // namespace minicc::wasm
