// Helpers shared by the mwasm subcommands: reading a module file and reporting errors in the
// one form every mwasm command uses for binary input, `FILE:0xNN: error: message`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "support/expected.h"
#include "wasm/binary_reader.h"
#include "wasm/module.h"

namespace minicc::driver {

// "FILE:0xNN: error: message" (or "FILE: error: message" when the error has no offset).
std::string FormatBinaryError(const std::string& file, const support::Error& error);
// Prints FormatBinaryError(...) and a newline to stderr.
void ReportBinaryError(const std::string& file, const support::Error& error);

// Reads FILE and decodes it. On failure prints the error and returns nullopt. The file's bytes
// are left in *bytes when it is given.
std::optional<wasm::Module> LoadModule(const std::string& file, const wasm::ReadOptions& options,
                                       std::vector<uint8_t>* bytes = nullptr);

} // namespace minicc::driver
