// The descriptor table (see fd_table.h).
#include "runtime/wasi/fd_table.h"

#include <sys/stat.h>
#include <unistd.h>

namespace minicc::runtime::wasi {

FdEntry::~FdEntry() {
  if (owns_host_fd && host_fd >= 0)
    close(host_fd);
}

uint32_t FdTable::Insert(std::unique_ptr<FdEntry> e) {
  for (uint32_t i = 0; i < entries_.size(); ++i) {
    if (!entries_[i]) {
      entries_[i] = std::move(e);
      return i;
    }
  }
  entries_.push_back(std::move(e));
  return uint32_t(entries_.size() - 1);
}

void FdTable::Set(uint32_t fd, std::unique_ptr<FdEntry> e) {
  if (fd >= entries_.size())
    entries_.resize(fd + 1);
  entries_[fd] = std::move(e);
}

Errno FdTable::Close(uint32_t fd) {
  if (!Get(fd))
    return kBadf;
  entries_[fd].reset();
  Trim();
  return kSuccess;
}

Errno FdTable::Renumber(uint32_t from, uint32_t to) {
  if (!Get(from) || !Get(to))
    return kBadf;
  if (from == to)
    return kSuccess;
  entries_[to] = std::move(entries_[from]);
  Trim();
  return kSuccess;
}

void FdTable::Trim() {
  while (!entries_.empty() && !entries_.back())
    entries_.pop_back();
}

FileType FileTypeOfMode(unsigned mode) {
  switch (mode & S_IFMT) {
  case S_IFBLK: return kBlockDevice;
  case S_IFCHR: return kCharacterDevice;
  case S_IFDIR: return kDirectory;
  case S_IFREG: return kRegularFile;
  case S_IFSOCK: return kSocketStream;
  case S_IFLNK: return kSymbolicLink;
  default: return kUnknown; // FIFOs have no WASI type
  }
}

} // namespace minicc::runtime::wasi
