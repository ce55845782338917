// Whole-file reading and writing for the tools.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/expected.h"

namespace minicc::support {

Expected<std::vector<uint8_t>> ReadBinaryFile(const std::string& path);
Expected<std::string> ReadTextFile(const std::string& path);
Status WriteBinaryFile(const std::string& path, const std::vector<uint8_t>& bytes);
Status WriteTextFile(const std::string& path, std::string_view text);

}  // namespace minicc::support
