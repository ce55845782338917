// The fd_* functions of WASI preview1: I/O, seeking, metadata and directory reading on
// descriptors the guest already holds. Each checks the descriptor's rights before acting and
// maps host errors to WASI errno values; every guest pointer is bounds-checked (kFault).
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "runtime/wasi/call.h"
#include "runtime/wasi/fd_table.h"

namespace minicc::runtime::wasi {

namespace {

Errno HostError() {
  return FromHostErrno(errno);
}

bool IsStream(const FdEntry& e) {
  return e.type != kRegularFile && e.type != kDirectory && e.type != kBlockDevice;
}

// The guest's iovec array (pairs of u32 base, u32 length) as host iovecs; kFault if the array
// or any buffer is out of bounds. At most IOV_MAX buffers are used (a short transfer).
Errno GuestIovecs(Call& c, uint32_t iovs, uint32_t n, std::vector<iovec>* out) {
  if (!c.Ptr(iovs, uint64_t(n) * 8))
    return kFault;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t base = 0, len = 0;
    c.Load(iovs + 8ull * i, &base);
    c.Load(iovs + 8ull * i + 4, &len);
    uint8_t* p = c.Ptr(base, len);
    if (!p)
      return kFault;
    if (len != 0 && out->size() < size_t(IOV_MAX))
      out->push_back({p, len});
  }
  return kSuccess;
}

// Stores a transfer count, or reports the host error.
uint32_t Finish(Call& c, ssize_t n, uint32_t result_ptr) {
  if (n < 0)
    return HostError();
  return c.Store(result_ptr, uint32_t(n)) ? kSuccess : kFault;
}

uint32_t DoRead(Call& c, bool positional) {
  uint32_t fd = c.U32(0), iovs = c.U32(1), n = c.U32(2);
  uint64_t offset = positional ? c.U64(3) : 0;
  uint32_t result = c.U32(positional ? 4 : 3);
  FdEntry* e = c.state.fds.Get(fd);
  if (e && e->type == kDirectory)
    return kIsdir; // what read(2) says
  MINICC_WASI_TRY(Lookup(c, fd, rights::kFdRead | (positional ? rights::kFdSeek : 0), &e));
  std::vector<iovec> v;
  MINICC_WASI_TRY(GuestIovecs(c, iovs, n, &v));
  if (v.empty())
    return Finish(c, 0, result);
  ssize_t got = positional ? preadv(e->host_fd, v.data(), int(v.size()), off_t(offset))
                           : readv(e->host_fd, v.data(), int(v.size()));
  return Finish(c, got, result);
}

uint32_t DoWrite(Call& c, bool positional) {
  uint32_t fd = c.U32(0), iovs = c.U32(1), n = c.U32(2);
  uint64_t offset = positional ? c.U64(3) : 0;
  uint32_t result = c.U32(positional ? 4 : 3);
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, fd, rights::kFdWrite | (positional ? rights::kFdSeek : 0), &e));
  std::vector<iovec> v;
  MINICC_WASI_TRY(GuestIovecs(c, iovs, n, &v));
  if (e->stream && !positional) {
    // stdout/stderr: through the host's stdio, so that output stays in order with the host's.
    size_t total = 0;
    for (const iovec& io : v) {
      size_t w = std::fwrite(io.iov_base, 1, io.iov_len, e->stream);
      total += w;
      if (w != io.iov_len)
        return total ? Finish(c, ssize_t(total), result) : kIo;
    }
    if (e->stream == stderr)
      std::fflush(e->stream);
    return Finish(c, ssize_t(total), result);
  }
  if (v.empty())
    return Finish(c, 0, result);
  if (e->stream)
    std::fflush(e->stream);
  ssize_t put = positional ? pwritev(e->host_fd, v.data(), int(v.size()), off_t(offset))
                           : writev(e->host_fd, v.data(), int(v.size()));
  return Finish(c, put, result);
}

} // namespace

uint32_t FdRead(Call& c) {
  return DoRead(c, false);
}
uint32_t FdPread(Call& c) {
  return DoRead(c, true);
}
uint32_t FdWrite(Call& c) {
  return DoWrite(c, false);
}
uint32_t FdPwrite(Call& c) {
  return DoWrite(c, true);
}

uint32_t FdSeek(Call& c) {
  uint32_t fd = c.U32(0), whence = c.U32(2), result = c.U32(3);
  int64_t offset = int64_t(c.U64(1));
  FdEntry* e = c.state.fds.Get(fd);
  if (!e)
    return kBadf;
  if (IsStream(*e))
    return kSpipe;
  // Asking for the position only needs fd_tell.
  bool tell = offset == 0 && whence == 1;
  MINICC_WASI_TRY(Lookup(c, fd, tell ? rights::kFdTell : rights::kFdSeek, &e));
  int host_whence;
  switch (whence) {
  case 0: host_whence = SEEK_SET; break;
  case 1: host_whence = SEEK_CUR; break;
  case 2: host_whence = SEEK_END; break;
  default: return kInval;
  }
  if (!c.Ptr(result, 8))
    return kFault;
  if (e->stream)
    std::fflush(e->stream); // stdout redirected to a file
  off_t pos = lseek(e->host_fd, off_t(offset), host_whence);
  if (pos < 0)
    return HostError();
  c.Store(result, uint64_t(pos));
  return kSuccess;
}

uint32_t FdTell(Call& c) {
  FdEntry* e = c.state.fds.Get(c.U32(0));
  if (!e)
    return kBadf;
  if (IsStream(*e))
    return kSpipe;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdTell, &e));
  off_t pos = lseek(e->host_fd, 0, SEEK_CUR);
  if (pos < 0)
    return HostError();
  return c.Store(c.U32(1), uint64_t(pos)) ? kSuccess : kFault;
}

uint32_t FdClose(Call& c) {
  return c.state.fds.Close(c.U32(0));
}

uint32_t FdSync(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdSync, &e));
  if (e->stream)
    std::fflush(e->stream);
  return fsync(e->host_fd) == 0 || errno == EINVAL ? kSuccess : HostError();
}

uint32_t FdDatasync(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdDatasync, &e));
  if (e->stream)
    std::fflush(e->stream);
  return fdatasync(e->host_fd) == 0 || errno == EINVAL ? kSuccess : HostError();
}

uint32_t FdAdvise(Call& c) {
  static constexpr int kAdvice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                    POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
  uint32_t advice = c.U32(3);
  if (advice >= std::size(kAdvice))
    return kInval;
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdAdvise, &e));
  int r = posix_fadvise(e->host_fd, off_t(c.U64(1)), off_t(c.U64(2)), kAdvice[advice]);
  return FromHostErrno(r);
}

uint32_t FdAllocate(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdAllocate, &e));
  int64_t offset = int64_t(c.U64(1)), len = int64_t(c.U64(2));
  if (offset < 0 || len <= 0)
    return kInval;
  return FromHostErrno(posix_fallocate(e->host_fd, off_t(offset), off_t(len)));
}

uint32_t FdFdstatGet(Call& c) {
  FdEntry* e = c.state.fds.Get(c.U32(0));
  if (!e)
    return kBadf;
  int fl = fcntl(e->host_fd, F_GETFL);
  if (fl < 0)
    return HostError();
  uint16_t flags = 0;
  if (fl & O_APPEND)
    flags |= kFdflagAppend;
  if (fl & O_NONBLOCK)
    flags |= kFdflagNonblock;
  if ((fl & O_SYNC) == O_SYNC)
    flags |= kFdflagSync;
  else if (fl & O_DSYNC)
    flags |= kFdflagDsync;
  uint8_t buf[kFdstatSize] = {};
  buf[0] = e->type;
  std::memcpy(buf + 2, &flags, 2);
  std::memcpy(buf + 8, &e->rights_base, 8);
  std::memcpy(buf + 16, &e->rights_inheriting, 8);
  uint8_t* p = c.Ptr(c.U32(1), sizeof buf);
  if (!p)
    return kFault;
  std::memcpy(p, buf, sizeof buf);
  return kSuccess;
}

uint32_t FdFdstatSetFlags(Call& c) {
  uint32_t flags = c.U32(1);
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdFdstatSetFlags, &e));
  if (flags &
      ~uint32_t(kFdflagAppend | kFdflagNonblock | kFdflagDsync | kFdflagRsync | kFdflagSync)) {
    return kInval;
  }
  // Linux cannot change the synchronization flags of an open file.
  if (flags & (kFdflagDsync | kFdflagRsync | kFdflagSync))
    return kNotsup;
  int fl = fcntl(e->host_fd, F_GETFL);
  if (fl < 0)
    return HostError();
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & kFdflagAppend)
    fl |= O_APPEND;
  if (flags & kFdflagNonblock)
    fl |= O_NONBLOCK;
  return fcntl(e->host_fd, F_SETFL, fl) == 0 ? kSuccess : HostError();
}

uint32_t FdFdstatSetRights(Call& c) {
  FdEntry* e = c.state.fds.Get(c.U32(0));
  if (!e)
    return kBadf;
  uint64_t base = c.U64(1), inheriting = c.U64(2);
  // Rights can only be dropped.
  if ((base & ~e->rights_base) || (inheriting & ~e->rights_inheriting))
    return kNotcapable;
  e->rights_base = base;
  e->rights_inheriting = inheriting;
  return kSuccess;
}

void EncodeFilestat(const struct stat& st, uint8_t out[kFilestatSize]) {
  auto put = [&](size_t at, uint64_t v) { std::memcpy(out + at, &v, 8); };
  auto ns = [](const timespec& ts) {
    return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
  };
  std::memset(out, 0, kFilestatSize);
  put(0, uint64_t(st.st_dev));
  put(8, uint64_t(st.st_ino));
  out[16] = FileTypeOfMode(st.st_mode);
  put(24, uint64_t(st.st_nlink));
  put(32, uint64_t(st.st_size));
  put(40, ns(st.st_atim));
  put(48, ns(st.st_mtim));
  put(56, ns(st.st_ctim));
}

uint32_t FdFilestatGet(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdFilestatGet, &e));
  struct stat st;
  if (fstat(e->host_fd, &st) != 0)
    return HostError();
  uint8_t* p = c.Ptr(c.U32(1), kFilestatSize);
  if (!p)
    return kFault;
  EncodeFilestat(st, p);
  return kSuccess;
}

uint32_t FdFilestatSetSize(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdFilestatSetSize, &e));
  int64_t size = int64_t(c.U64(1));
  if (size < 0)
    return kInval;
  return ftruncate(e->host_fd, off_t(size)) == 0 ? kSuccess : HostError();
}

Errno TimesFromFlags(uint64_t atim, uint64_t mtim, uint16_t flags, struct timespec ts[2]) {
  if (((flags & kFstAtim) && (flags & kFstAtimNow)) ||
      ((flags & kFstMtim) && (flags & kFstMtimNow)) ||
      (flags & ~uint16_t(kFstAtim | kFstAtimNow | kFstMtim | kFstMtimNow))) {
    return kInval;
  }
  auto one = [](uint64_t t, bool set, bool now) {
    timespec r{};
    if (set) {
      r.tv_sec = time_t(t / 1000000000ull);
      r.tv_nsec = long(t % 1000000000ull);
    } else {
      r.tv_nsec = now ? UTIME_NOW : UTIME_OMIT;
    }
    return r;
  };
  ts[0] = one(atim, flags & kFstAtim, flags & kFstAtimNow);
  ts[1] = one(mtim, flags & kFstMtim, flags & kFstMtimNow);
  return kSuccess;
}

uint32_t FdFilestatSetTimes(Call& c) {
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdFilestatSetTimes, &e));
  timespec ts[2];
  MINICC_WASI_TRY(TimesFromFlags(c.U64(1), c.U64(2), uint16_t(c.U32(3)), ts));
  return futimens(e->host_fd, ts) == 0 ? kSuccess : HostError();
}

uint32_t FdPrestatGet(Call& c) {
  FdEntry* e = c.state.fds.Get(c.U32(0));
  if (!e || !e->is_preopen)
    return kBadf;
  uint8_t buf[8] = {}; // tag 0 (dir), u32 name length
  uint32_t len = uint32_t(e->preopen_name.size());
  std::memcpy(buf + 4, &len, 4);
  uint8_t* p = c.Ptr(c.U32(1), sizeof buf);
  if (!p)
    return kFault;
  std::memcpy(p, buf, sizeof buf);
  return kSuccess;
}

uint32_t FdPrestatDirName(Call& c) {
  FdEntry* e = c.state.fds.Get(c.U32(0));
  if (!e || !e->is_preopen)
    return kBadf;
  if (c.U32(2) < e->preopen_name.size())
    return kNametoolong;
  uint8_t* p = c.Ptr(c.U32(1), e->preopen_name.size());
  if (!p)
    return kFault;
  std::memcpy(p, e->preopen_name.data(), e->preopen_name.size());
  return kSuccess;
}

namespace {

// Reads the whole directory, "." and ".." included, in the host's order.
Errno ListDirectory(int dir_fd, std::vector<DirListEntry>* out) {
  int fd = openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return HostError();
  DIR* d = fdopendir(fd);
  if (!d) {
    close(fd);
    return HostError();
  }
  out->clear();
  errno = 0;
  while (dirent* de = readdir(d)) {
    DirListEntry entry;
    entry.name = de->d_name;
    entry.ino = de->d_ino;
    switch (de->d_type) {
    case DT_BLK: entry.type = kBlockDevice; break;
    case DT_CHR: entry.type = kCharacterDevice; break;
    case DT_DIR: entry.type = kDirectory; break;
    case DT_REG: entry.type = kRegularFile; break;
    case DT_LNK: entry.type = kSymbolicLink; break;
    case DT_SOCK: entry.type = kSocketStream; break;
    case DT_UNKNOWN: {
      struct stat st;
      if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        entry.type = FileTypeOfMode(st.st_mode);
      }
      break;
    }
    default: entry.type = kUnknown; break;
    }
    out->push_back(std::move(entry));
    errno = 0;
  }
  int err = errno;
  closedir(d);
  return FromHostErrno(err);
}

} // namespace

uint32_t FdReaddir(Call& c) {
  uint32_t buf = c.U32(1), buf_len = c.U32(2), used_ptr = c.U32(4);
  uint64_t cookie = c.U64(3);
  FdEntry* e = nullptr;
  MINICC_WASI_TRY(Lookup(c, c.U32(0), rights::kFdReaddir, &e));
  if (e->type != kDirectory)
    return kNotdir;
  uint8_t* out = c.Ptr(buf, buf_len);
  if (!out || !c.Ptr(used_ptr, 4))
    return kFault;
  // Cookies index the listing taken when reading (re)started at cookie 0.
  if (cookie == 0 || e->listing.empty())
    MINICC_WASI_TRY(ListDirectory(e->host_fd, &e->listing));
  uint32_t used = 0;
  for (uint64_t i = cookie; i < e->listing.size() && used < buf_len; ++i) {
    const DirListEntry& d = e->listing[i];
    uint8_t header[kDirentSize] = {};
    uint64_t next = i + 1;
    uint32_t namlen = uint32_t(d.name.size());
    std::memcpy(header, &next, 8);
    std::memcpy(header + 8, &d.ino, 8);
    std::memcpy(header + 16, &namlen, 4);
    header[20] = d.type;
    // The last entry may be cut short: the guest sees bufused == buf_len and asks again.
    uint32_t n = std::min<uint32_t>(kDirentSize, buf_len - used);
    std::memcpy(out + used, header, n);
    used += n;
    n = std::min<uint32_t>(namlen, buf_len - used);
    std::memcpy(out + used, d.name.data(), n);
    used += n;
  }
  c.Store(used_ptr, used);
  return kSuccess;
}

uint32_t FdRenumber(Call& c) {
  return c.state.fds.Renumber(c.U32(0), c.U32(1));
}

} // namespace minicc::runtime::wasi
