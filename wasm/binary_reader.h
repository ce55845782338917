// Binary reader: bytes -> Module. The input is untrusted: every malformed case is rejected
// with the spec test suite's message and the byte offset where it was found; counts are
// checked against the remaining bytes before anything is allocated.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "support/expected.h"
#include "wasm/module.h"

namespace minicc::wasm {

// Receives a note for every byte range the reader consumes (section ids, size LEBs, counts,
// opcodes, immediates), in order. `mwasm dump -x` uses it for the annotated hex view, so the
// annotation comes from the one parser there is.
class ReadObserver {
public:
  virtual ~ReadObserver() = default;
  virtual void Annotate(uint32_t offset, uint32_t size, std::string_view what) = 0;
};

struct ReadOptions {
  SpecVersion spec = SpecVersion::V3;
  bool read_names = true;           // decode the `name` custom section into Module::names
  ReadObserver* observer = nullptr; // optional; slows reading down when set
  bool custom_page_sizes = false;   // accept the custom-page-sizes proposal's limits flag 0x08
};

support::Expected<Module> ReadModule(std::span<const uint8_t> bytes,
                                     const ReadOptions& options = {});

} // namespace minicc::wasm
