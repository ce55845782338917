// The path_* functions of WASI preview1. Every path is resolved beneath the directory
// descriptor it is relative to (sandbox.h), and the operation is then done with the *at()
// call on the resolved directory and final name, never following a symlink in the kernel.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "runtime/wasi/call.h"
#include "runtime/wasi/sandbox.h"

namespace minicc::runtime::wasi {

namespace {

Errno HostError() {
  return FromHostErrno(errno);
}

// A directory descriptor with `needed` rights and the guest path relative to it.
Errno DirAndPath(Call& c, uint32_t fd, uint64_t needed, uint32_t path, uint32_t len, FdEntry** dir,
                 std::string_view* out) {
  MINICC_WASI_TRY(Lookup(c, fd, needed, dir));
  if ((*dir)->type != kDirectory)
    return kNotdir;
  return c.String(path, len, out) ? kSuccess : kFault;
}

// Drops trailing slashes (keeping a lone "/"); returns whether there were any. Operations on
// the entry itself (unlink, rmdir, rename) must not follow a symlink because of them.
bool StripTrailingSlashes(std::string_view* p) {
  bool any = false;
  while (p->size() > 1 && p->back() == '/') {
    p->remove_suffix(1);
    any = true;
  }
  return any;
}

// kNotdir unless the entry is a directory (for paths that ended in '/').
Errno CheckIsDir(const ResolvedPath& rp) {
  struct stat st;
  if (fstatat(rp.dir(), rp.name(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return HostError();
  return S_ISDIR(st.st_mode) ? kSuccess : kNotdir;
}

// Resolves a path naming an entry to act on (not to follow).
Errno ResolveEntry(int dir_fd, std::string_view path, ResolvedPath* rp, bool* must_be_dir) {
  *must_be_dir = StripTrailingSlashes(&path);
  return Resolve(dir_fd, path, false, rp);
}

} // namespace

uint32_t PathOpen(Call& c) {
  uint32_t fd = c.U32(0), dirflags = c.U32(1), oflags = c.U32(4), fdflags = c.U32(7);
  uint64_t base = c.U64(5), inheriting = c.U64(6);
  uint32_t fd_out = c.U32(8);
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(DirAndPath(c, fd, rights::kPathOpen, c.U32(2), c.U32(3), &dir, &path));
  if (!c.Ptr(fd_out, 4))
    return kFault;
  // A descriptor never gets rights its directory cannot hand on.
  if ((base & ~dir->rights_inheriting) || (inheriting & ~dir->rights_inheriting)) {
    return kNotcapable;
  }
  if ((oflags & kOflagCreat) && !dir->Has(rights::kPathCreateFile))
    return kNotcapable;
  if ((oflags & kOflagTrunc) && !dir->Has(rights::kPathFilestatSetSize))
    return kNotcapable;

  bool follow = dirflags & kLookupSymlinkFollow;
  // O_CREAT|O_EXCL never follows a final symlink (POSIX: EEXIST).
  if ((oflags & kOflagCreat) && (oflags & kOflagExcl))
    follow = false;
  ResolvedPath rp;
  MINICC_WASI_TRY(Resolve(dir->host_fd, path, follow, &rp));

  bool write = base & rights::kNeedsWrite;
  bool read = base & (rights::kFdRead | rights::kFdReaddir);
  int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
  flags |= write ? (read ? O_RDWR : O_WRONLY) : O_RDONLY;
  if ((oflags & kOflagDirectory) || rp.must_be_dir())
    flags |= O_DIRECTORY;
  if (oflags & kOflagCreat)
    flags |= O_CREAT;
  if (oflags & kOflagExcl)
    flags |= O_EXCL;
  if (oflags & kOflagTrunc)
    flags |= O_TRUNC;
  if (fdflags & kFdflagAppend)
    flags |= O_APPEND;
  if (fdflags & kFdflagDsync)
    flags |= O_DSYNC;
  if (fdflags & kFdflagSync)
    flags |= O_SYNC;
  if (fdflags & kFdflagRsync)
    flags |= O_RSYNC;
  if (fdflags & kFdflagNonblock)
    flags |= O_NONBLOCK;
  int host_fd = openat(rp.dir(), rp.name(), flags, 0666);
  if (host_fd < 0)
    return HostError();
  auto e = std::make_unique<FdEntry>();
  e->host_fd = host_fd;
  struct stat st;
  if (fstat(host_fd, &st) != 0)
    return HostError(); // `e` closes host_fd
  e->type = FileTypeOfMode(st.st_mode);
  uint64_t possible = e->type == kDirectory     ? rights::kDirectory
                      : e->type == kRegularFile ? rights::kRegularFile
                                                : rights::kStream;
  e->rights_base = base & possible;
  e->rights_inheriting = e->type == kDirectory ? inheriting : 0;
  c.Store(fd_out, c.state.fds.Insert(std::move(e)));
  return kSuccess;
}

uint32_t PathCreateDirectory(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathCreateDirectory, c.U32(1), c.U32(2), &dir, &path));
  ResolvedPath rp;
  bool slash;
  MINICC_WASI_TRY(ResolveEntry(dir->host_fd, path, &rp, &slash));
  return mkdirat(rp.dir(), rp.name(), 0777) == 0 ? kSuccess : HostError();
}

uint32_t PathRemoveDirectory(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathRemoveDirectory, c.U32(1), c.U32(2), &dir, &path));
  ResolvedPath rp;
  bool slash;
  MINICC_WASI_TRY(ResolveEntry(dir->host_fd, path, &rp, &slash));
  return unlinkat(rp.dir(), rp.name(), AT_REMOVEDIR) == 0 ? kSuccess : HostError();
}

uint32_t PathUnlinkFile(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathUnlinkFile, c.U32(1), c.U32(2), &dir, &path));
  ResolvedPath rp;
  bool slash;
  MINICC_WASI_TRY(ResolveEntry(dir->host_fd, path, &rp, &slash));
  if (slash)
    MINICC_WASI_TRY(CheckIsDir(rp));
  return unlinkat(rp.dir(), rp.name(), 0) == 0 ? kSuccess : HostError();
}

uint32_t PathRename(Call& c) {
  FdEntry *from_dir = nullptr, *to_dir = nullptr;
  std::string_view from, to;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathRenameSource, c.U32(1), c.U32(2), &from_dir, &from));
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(3), rights::kPathRenameTarget, c.U32(4), c.U32(5), &to_dir, &to));
  ResolvedPath a, b;
  bool a_slash, b_slash;
  MINICC_WASI_TRY(ResolveEntry(from_dir->host_fd, from, &a, &a_slash));
  MINICC_WASI_TRY(ResolveEntry(to_dir->host_fd, to, &b, &b_slash));
  if (a_slash)
    MINICC_WASI_TRY(CheckIsDir(a));
  return renameat(a.dir(), a.name(), b.dir(), b.name()) == 0 ? kSuccess : HostError();
}

uint32_t PathLink(Call& c) {
  FdEntry *from_dir = nullptr, *to_dir = nullptr;
  std::string_view from, to;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathLinkSource, c.U32(2), c.U32(3), &from_dir, &from));
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(4), rights::kPathLinkTarget, c.U32(5), c.U32(6), &to_dir, &to));
  ResolvedPath a, b;
  MINICC_WASI_TRY(Resolve(from_dir->host_fd, from, c.U32(1) & kLookupSymlinkFollow, &a));
  bool b_slash;
  MINICC_WASI_TRY(ResolveEntry(to_dir->host_fd, to, &b, &b_slash));
  // The source was resolved here, so the kernel must not follow it again.
  return linkat(a.dir(), a.name(), b.dir(), b.name(), 0) == 0 ? kSuccess : HostError();
}

uint32_t PathSymlink(Call& c) {
  std::string_view target;
  if (!c.String(c.U32(0), c.U32(1), &target))
    return kFault;
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(DirAndPath(c, c.U32(2), rights::kPathSymlink, c.U32(3), c.U32(4), &dir, &path));
  ResolvedPath rp;
  bool slash;
  MINICC_WASI_TRY(ResolveEntry(dir->host_fd, path, &rp, &slash));
  // A link whose contents would lead outside is refused even though following it would be.
  MINICC_WASI_TRY(CheckSymlinkTarget(target, rp.depth()));
  std::string t(target);
  return symlinkat(t.c_str(), rp.dir(), rp.name()) == 0 ? kSuccess : HostError();
}

uint32_t PathReadlink(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(DirAndPath(c, c.U32(0), rights::kPathReadlink, c.U32(1), c.U32(2), &dir, &path));
  uint32_t buf = c.U32(3), buf_len = c.U32(4), used = c.U32(5);
  uint8_t* out = c.Ptr(buf, buf_len);
  if (!out || !c.Ptr(used, 4))
    return kFault;
  ResolvedPath rp;
  MINICC_WASI_TRY(Resolve(dir->host_fd, path, false, &rp));
  std::string target(4096, '\0');
  ssize_t n = readlinkat(rp.dir(), rp.name(), target.data(), target.size());
  if (n < 0)
    return HostError();
  uint32_t copied = std::min<uint32_t>(uint32_t(n), buf_len); // truncated, as readlink(2)
  std::memcpy(out, target.data(), copied);
  c.Store(used, copied);
  return kSuccess;
}

uint32_t PathFilestatGet(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathFilestatGet, c.U32(2), c.U32(3), &dir, &path));
  uint8_t* out = c.Ptr(c.U32(4), kFilestatSize);
  if (!out)
    return kFault;
  ResolvedPath rp;
  MINICC_WASI_TRY(Resolve(dir->host_fd, path, c.U32(1) & kLookupSymlinkFollow, &rp));
  struct stat st;
  if (fstatat(rp.dir(), rp.name(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return HostError();
  if (rp.must_be_dir() && !S_ISDIR(st.st_mode))
    return kNotdir;
  EncodeFilestat(st, out);
  return kSuccess;
}

uint32_t PathFilestatSetTimes(Call& c) {
  FdEntry* dir = nullptr;
  std::string_view path;
  MINICC_WASI_TRY(
      DirAndPath(c, c.U32(0), rights::kPathFilestatSetTimes, c.U32(2), c.U32(3), &dir, &path));
  timespec ts[2];
  MINICC_WASI_TRY(TimesFromFlags(c.U64(4), c.U64(5), uint16_t(c.U32(6)), ts));
  ResolvedPath rp;
  MINICC_WASI_TRY(Resolve(dir->host_fd, path, c.U32(1) & kLookupSymlinkFollow, &rp));
  return utimensat(rp.dir(), rp.name(), ts, AT_SYMLINK_NOFOLLOW) == 0 ? kSuccess : HostError();
}

} // namespace minicc::runtime::wasi
