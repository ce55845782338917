// Path resolution beneath a directory descriptor: the capability boundary of WASI.
//
// A guest path is resolved component by component from the host directory fd the guest
// holds, with openat(O_PATH | O_DIRECTORY | O_NOFOLLOW) for each directory and readlinkat for
// each symlink, which are followed here (never by the kernel) with a depth limit. ".." pops
// the stack of opened directories and can never pop the starting one; absolute paths and
// absolute symlink targets are refused. The result is a directory fd plus a final name, and
// every operation then uses the *at() call with that fd and AT_SYMLINK_NOFOLLOW / O_NOFOLLOW.
// No full host path string is ever built or re-resolved, so a symlink swapped during the call
// can at worst make the operation fail; it cannot redirect it outside.
#pragma once

#include <string>
#include <string_view>

#include "runtime/wasi/abi.h"

namespace minicc::runtime::wasi {

class ResolvedPath {
public:
  ResolvedPath() = default;
  ResolvedPath(const ResolvedPath&) = delete;
  ResolvedPath& operator=(const ResolvedPath&) = delete;
  ~ResolvedPath();

  int dir() const { return dir_; }                   // the directory holding the final entry
  const char* name() const { return name_.c_str(); } // never empty; "." for the dir itself
  int depth() const { return depth_; }               // directories between the base and dir()
  bool must_be_dir() const { return must_be_dir_; }  // the path ended in '/'

private:
  friend Errno Resolve(int base_fd, std::string_view path, bool follow_final, ResolvedPath* out);
  int dir_ = -1;
  bool owned_ = false;
  std::string name_;
  int depth_ = 0;
  bool must_be_dir_ = false;
};

// Resolves `path` beneath `base_fd`. With `follow_final`, a symlink in the last component is
// followed too (a trailing '/' implies it). Errors: kNoent (empty path or a missing
// directory), kInval (embedded NUL), kNotcapable (the path or a symlink leaves `base_fd`),
// kLoop (more than 40 symlinks), kNotdir, and whatever the host reports.
Errno Resolve(int base_fd, std::string_view path, bool follow_final, ResolvedPath* out);

// Whether a symlink with contents `target`, created in a directory `depth` levels below the
// base, stays beneath the base when read lexically: kSuccess, kNotcapable or kInval (NUL).
Errno CheckSymlinkTarget(std::string_view target, int depth);

} // namespace minicc::runtime::wasi
