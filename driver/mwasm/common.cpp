// Shared pieces of the mwasm subcommands (see common.h). Not a subcommand itself: it registers
// nothing.
#include "driver/mwasm/common.h"

#include <cstdio>

#include <fmt/core.h>

#include "support/file_io.h"

namespace minicc::driver {

std::string FormatBinaryError(const std::string& file, const support::Error& error) {
  if (!error.HasOffset())
    return fmt::format("{}: error: {}", file, error.message);
  return fmt::format("{}:{:#x}: error: {}", file, error.offset, error.message);
}

void ReportBinaryError(const std::string& file, const support::Error& error) {
  fmt::print(stderr, "{}\n", FormatBinaryError(file, error));
}

std::optional<wasm::Module> LoadModule(const std::string& file, const wasm::ReadOptions& options,
                                       std::vector<uint8_t>* bytes) {
  auto data = support::ReadBinaryFile(file);
  if (!data) {
    fmt::print(stderr, "{}: error: {}\n", file, data.error().message);
    return std::nullopt;
  }
  auto module = wasm::ReadModule(*data, options);
  if (!module) {
    ReportBinaryError(file, module.error());
    return std::nullopt;
  }
  if (bytes)
    *bytes = std::move(*data);
  return std::move(*module);
}

} // namespace minicc::driver
