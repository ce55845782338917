// Binary writer: Module -> bytes, with canonical (minimal) LEB128 encodings.
#pragma once

#include <cstdint>
#include <vector>

#include "wasm/module.h"

namespace minicc::wasm {

std::vector<uint8_t> WriteModule(const Module& module);

}  // namespace minicc::wasm
