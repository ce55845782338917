// What every WASI function implementation sees: its arguments, the caller's memory 0 with
// bounds-checked accessors, and the shared State. Internal to runtime/wasi.
#pragma once

#include <sys/stat.h>

#include <cstring>
#include <span>
#include <string_view>

#include "runtime/store.h"
#include "runtime/wasi/abi.h"
#include "runtime/wasi/fd_table.h"
#include "runtime/wasi/wasi.h"

// Returns the errno of `expr` from the enclosing function unless it is kSuccess.
#define MINICC_WASI_TRY(expr)                                                                      \
  do {                                                                                             \
    ::minicc::runtime::wasi::Errno minicc_wasi_err_ = (expr);                                      \
    if (minicc_wasi_err_ != ::minicc::runtime::wasi::kSuccess)                                     \
      return minicc_wasi_err_;                                                                     \
  } while (0)

namespace minicc::runtime::wasi {

struct Call {
  HostContext& ctx;
  State& state;
  std::span<const Value> args;
  Memory* mem;

  uint32_t U32(size_t i) const { return args[i].i32; }
  uint64_t U64(size_t i) const { return args[i].i64; }

  // The host address of guest bytes [addr, addr+len), or null when any is out of bounds.
  uint8_t* Ptr(uint64_t addr, uint64_t len) const {
    return mem && mem->InBounds(addr, len) ? mem->data + addr : nullptr;
  }
  template <typename T> bool Store(uint64_t addr, T v) {
    uint8_t* p = Ptr(addr, sizeof v);
    if (!p)
      return false;
    std::memcpy(p, &v, sizeof v);
    return true;
  }
  template <typename T> bool Load(uint64_t addr, T* v) const {
    const uint8_t* p = Ptr(addr, sizeof *v);
    if (!p)
      return false;
    std::memcpy(v, p, sizeof *v);
    return true;
  }
  // A guest string (not NUL-terminated) as a view of guest memory.
  bool String(uint32_t addr, uint32_t len, std::string_view* out) const {
    const uint8_t* p = Ptr(addr, len);
    if (!p)
      return false;
    *out = std::string_view(reinterpret_cast<const char*>(p), len);
    return true;
  }
};

// Looks up `fd` and checks that it has all of the `needed` rights (kBadf, kNotcapable).
inline Errno Lookup(Call& c, uint32_t fd, uint64_t needed, FdEntry** out) {
  FdEntry* e = c.state.fds.Get(fd);
  if (!e)
    return kBadf;
  if (!e->Has(needed))
    return kNotcapable;
  *out = e;
  return kSuccess;
}

// Fills a 64-byte WASI filestat.
void EncodeFilestat(const struct stat& st, uint8_t out[kFilestatSize]);
// The two timespecs of utimensat for fst_flags; kInval when both a time and "now" are set.
Errno TimesFromFlags(uint64_t atim, uint64_t mtim, uint16_t flags, struct timespec ts[2]);

// Implementations, grouped by file. Each returns a WASI errno.
#define MINICC_WASI_FUNC(name) uint32_t name(Call& c)
// wasi_fd.cpp
MINICC_WASI_FUNC(FdRead);
MINICC_WASI_FUNC(FdWrite);
MINICC_WASI_FUNC(FdPread);
MINICC_WASI_FUNC(FdPwrite);
MINICC_WASI_FUNC(FdSeek);
MINICC_WASI_FUNC(FdTell);
MINICC_WASI_FUNC(FdClose);
MINICC_WASI_FUNC(FdSync);
MINICC_WASI_FUNC(FdDatasync);
MINICC_WASI_FUNC(FdAdvise);
MINICC_WASI_FUNC(FdAllocate);
MINICC_WASI_FUNC(FdFdstatGet);
MINICC_WASI_FUNC(FdFdstatSetFlags);
MINICC_WASI_FUNC(FdFdstatSetRights);
MINICC_WASI_FUNC(FdFilestatGet);
MINICC_WASI_FUNC(FdFilestatSetSize);
MINICC_WASI_FUNC(FdFilestatSetTimes);
MINICC_WASI_FUNC(FdPrestatGet);
MINICC_WASI_FUNC(FdPrestatDirName);
MINICC_WASI_FUNC(FdReaddir);
MINICC_WASI_FUNC(FdRenumber);
// wasi_path.cpp
MINICC_WASI_FUNC(PathOpen);
MINICC_WASI_FUNC(PathCreateDirectory);
MINICC_WASI_FUNC(PathRemoveDirectory);
MINICC_WASI_FUNC(PathUnlinkFile);
MINICC_WASI_FUNC(PathRename);
MINICC_WASI_FUNC(PathFilestatGet);
MINICC_WASI_FUNC(PathFilestatSetTimes);
MINICC_WASI_FUNC(PathReadlink);
MINICC_WASI_FUNC(PathSymlink);
MINICC_WASI_FUNC(PathLink);
// wasi_poll.cpp
MINICC_WASI_FUNC(PollOneoff);
#undef MINICC_WASI_FUNC

} // namespace minicc::runtime::wasi
