// File I/O helpers: read and write whole files, errors as values naming the path and cause.
#include "support/file_io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace minicc::support {
namespace {

Error IoError(const std::string& what, const std::string& path) {
  return MakeError(what + " '" + path + "': " + std::strerror(errno));
}

template <typename Buffer>
Expected<Buffer> ReadAll(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return IoError("cannot open", path);
  Buffer out;
  char chunk[1 << 16];
  size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, f)) > 0) {
    out.insert(out.end(), chunk, chunk + n);
  }
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) return IoError("cannot read", path);
  return out;
}

Status WriteAll(const std::string& path, const void* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return IoError("cannot open", path);
  bool failed = size != 0 && std::fwrite(data, 1, size, f) != size;
  failed |= std::fclose(f) != 0;
  if (failed) return IoError("cannot write", path);
  return Ok{};
}

}  // namespace

Expected<std::vector<uint8_t>> ReadBinaryFile(const std::string& path) {
  return ReadAll<std::vector<uint8_t>>(path);
}

Expected<std::string> ReadTextFile(const std::string& path) { return ReadAll<std::string>(path); }

Status WriteBinaryFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  return WriteAll(path, bytes.data(), bytes.size());
}

Status WriteTextFile(const std::string& path, std::string_view text) {
  return WriteAll(path, text.data(), text.size());
}

}  // namespace minicc::support
