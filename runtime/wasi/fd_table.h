// The guest's descriptor table: WASI fd numbers -> host descriptors with their WASI rights.
// Numbers are reused lowest-first, as POSIX does; 0-2 are the host's stdio, 3... the preopens.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "runtime/wasi/abi.h"

namespace minicc::runtime::wasi {

struct DirListEntry {
  std::string name;
  uint64_t ino = 0;
  uint8_t type = kUnknown;
};

struct FdEntry {
  int host_fd = -1;
  bool owns_host_fd = true; // false for the host's stdio
  FileType type = kUnknown;
  uint64_t rights_base = 0;
  uint64_t rights_inheriting = 0;
  bool is_preopen = false;
  std::string preopen_name;    // the guest's name of a preopened directory
  std::FILE* stream = nullptr; // fd 1 and 2: written through the host's stdio buffers
  // fd_readdir: the directory as read by the last call that started at cookie 0; cookies are
  // indexes into it.
  std::vector<DirListEntry> listing;

  FdEntry() = default;
  FdEntry(const FdEntry&) = delete;
  FdEntry& operator=(const FdEntry&) = delete;
  ~FdEntry();
  bool Has(uint64_t r) const { return (rights_base & r) == r; }
};

class FdTable {
public:
  FdEntry* Get(uint32_t fd) const { return fd < entries_.size() ? entries_[fd].get() : nullptr; }
  // Installs `e` at the lowest free number and returns it.
  uint32_t Insert(std::unique_ptr<FdEntry> e);
  // Installs `e` at `fd` exactly (setup of stdio and preopens).
  void Set(uint32_t fd, std::unique_ptr<FdEntry> e);
  Errno Close(uint32_t fd);
  // fd_renumber: `to` (which must be open) is closed and replaced by `from`.
  Errno Renumber(uint32_t from, uint32_t to);
  size_t size() const { return entries_.size(); }

private:
  void Trim(); // drops closed entries at the end
  std::vector<std::unique_ptr<FdEntry>> entries_;
};

// The WASI file type of a host st_mode.
FileType FileTypeOfMode(unsigned mode);

} // namespace minicc::runtime::wasi
