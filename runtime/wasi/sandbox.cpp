// Sandboxed path resolution (see sandbox.h), and the host errno -> WASI errno table.
#include "runtime/wasi/sandbox.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace minicc::runtime::wasi {

namespace {

constexpr int kMaxSymlinks = 40; // as Linux (ELOOP)

// Appends the components of `path` to `todo` so that todo.back() is the first one; empty
// components (from "//") are dropped. Returns whether `path` ends in '/'.
bool PushComponents(std::string_view path, std::vector<std::string>* todo) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos)
      j = path.size();
    if (j > i)
      parts.emplace_back(path.substr(i, j - i));
    i = j + 1;
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    todo->push_back(std::move(*it));
  return !path.empty() && path.back() == '/';
}

// The contents of the symlink `name` in `dir`, or nullopt-like false when it is not a symlink
// (or cannot be read).
bool ReadLink(int dir, const std::string& name, std::string* target, int* err) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = readlinkat(dir, name.c_str(), buf.data(), buf.size());
    if (n < 0) {
      *err = errno;
      return false;
    }
    if (size_t(n) < buf.size()) {
      buf.resize(size_t(n));
      *target = std::move(buf);
      return true;
    }
    if (buf.size() >= (1u << 16)) {
      *err = ENAMETOOLONG;
      return false;
    }
    buf.resize(buf.size() * 2);
  }
}

} // namespace

ResolvedPath::~ResolvedPath() {
  if (owned_ && dir_ >= 0)
    close(dir_);
}

Errno Resolve(int base_fd, std::string_view path, bool follow_final, ResolvedPath* out) {
  if (path.empty())
    return kNoent;
  if (path.find('\0') != std::string_view::npos)
    return kInval;
  if (path.front() == '/')
    return kNotcapable;

  std::vector<int> stack; // directories opened below base_fd; back() is the current one
  auto current = [&] { return stack.empty() ? base_fd : stack.back(); };
  auto fail = [&](Errno e) {
    for (int fd : stack)
      close(fd);
    return e;
  };
  std::vector<std::string> todo;
  bool trailing = PushComponents(path, &todo);
  int links = 0;
  std::string final_name = ".";

  while (!todo.empty()) {
    std::string c = std::move(todo.back());
    todo.pop_back();
    if (c == ".")
      continue;
    if (c == "..") {
      if (stack.empty())
        return fail(kNotcapable);
      close(stack.back());
      stack.pop_back();
      continue;
    }
    bool last = todo.empty();
    if (last && !follow_final && !trailing) {
      final_name = std::move(c);
      break;
    }
    if (!last) {
      int fd = openat(current(), c.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0) {
        stack.push_back(fd);
        continue;
      }
      int open_err = errno;
      if (open_err != ENOTDIR && open_err != ELOOP)
        return fail(FromHostErrno(open_err));
    }
    // The last component (followed), or a non-directory in the middle: a symlink?
    std::string target;
    int link_err = 0;
    if (!ReadLink(current(), c, &target, &link_err)) {
      if (!last)
        return fail(link_err == EINVAL ? kNotdir : FromHostErrno(link_err));
      final_name = std::move(c); // not a symlink (or missing): the final entry itself
      break;
    }
    if (++links > kMaxSymlinks)
      return fail(kLoop);
    if (target.empty())
      return fail(kNoent);
    if (target.front() == '/')
      return fail(kNotcapable);
    if (PushComponents(target, &todo) && last)
      trailing = true;
  }

  // Keep the current directory, close the ones above it.
  if (!stack.empty()) {
    for (size_t i = 0; i + 1 < stack.size(); ++i)
      close(stack[i]);
    out->dir_ = stack.back();
    out->owned_ = true;
  } else {
    out->dir_ = base_fd;
    out->owned_ = false;
  }
  out->depth_ = int(stack.size());
  out->name_ = std::move(final_name);
  out->must_be_dir_ = trailing;
  return kSuccess;
}

Errno CheckSymlinkTarget(std::string_view target, int depth) {
  if (target.find('\0') != std::string_view::npos)
    return kInval;
  if (!target.empty() && target.front() == '/')
    return kNotcapable;
  std::vector<std::string> todo;
  PushComponents(target, &todo);
  while (!todo.empty()) {
    const std::string& c = todo.back();
    if (c == "..") {
      if (--depth < 0)
        return kNotcapable;
    } else if (c != ".") {
      ++depth;
    }
    todo.pop_back();
  }
  return kSuccess;
}

Errno FromHostErrno(int e) {
  switch (e) {
  case 0: return kSuccess;
  case E2BIG: return k2big;
  case EACCES: return kAcces;
  case EADDRINUSE: return kAddrinuse;
  case EADDRNOTAVAIL: return kAddrnotavail;
  case EAFNOSUPPORT: return kAfnosupport;
  case EAGAIN: return kAgain;
  case EALREADY: return kAlready;
  case EBADF: return kBadf;
  case EBADMSG: return kBadmsg;
  case EBUSY: return kBusy;
  case ECANCELED: return kCanceled;
  case ECHILD: return kChild;
  case ECONNABORTED: return kConnaborted;
  case ECONNREFUSED: return kConnrefused;
  case ECONNRESET: return kConnreset;
  case EDEADLK: return kDeadlk;
  case EDESTADDRREQ: return kDestaddrreq;
  case EDOM: return kDom;
  case EDQUOT: return kDquot;
  case EEXIST: return kExist;
  case EFAULT: return kFault;
  case EFBIG: return kFbig;
  case EHOSTUNREACH: return kHostunreach;
  case EIDRM: return kIdrm;
  case EILSEQ: return kIlseq;
  case EINPROGRESS: return kInprogress;
  case EINTR: return kIntr;
  case EINVAL: return kInval;
  case EIO: return kIo;
  case EISCONN: return kIsconn;
  case EISDIR: return kIsdir;
  case ELOOP: return kLoop;
  case EMFILE: return kMfile;
  case EMLINK: return kMlink;
  case EMSGSIZE: return kMsgsize;
  case EMULTIHOP: return kMultihop;
  case ENAMETOOLONG: return kNametoolong;
  case ENETDOWN: return kNetdown;
  case ENETRESET: return kNetreset;
  case ENETUNREACH: return kNetunreach;
  case ENFILE: return kNfile;
  case ENOBUFS: return kNobufs;
  case ENODEV: return kNodev;
  case ENOENT: return kNoent;
  case ENOEXEC: return kNoexec;
  case ENOLCK: return kNolck;
  case ENOLINK: return kNolink;
  case ENOMEM: return kNomem;
  case ENOMSG: return kNomsg;
  case ENOPROTOOPT: return kNoprotoopt;
  case ENOSPC: return kNospc;
  case ENOSYS: return kNosys;
  case ENOTCONN: return kNotconn;
  case ENOTDIR: return kNotdir;
  case ENOTEMPTY: return kNotempty;
  case ENOTRECOVERABLE: return kNotrecoverable;
  case ENOTSOCK: return kNotsock;
  case ENOTSUP: return kNotsup;
  case ENOTTY: return kNotty;
  case ENXIO: return kNxio;
  case EOVERFLOW: return kOverflow;
  case EOWNERDEAD: return kOwnerdead;
  case EPERM: return kPerm;
  case EPIPE: return kPipe;
  case EPROTO: return kProto;
  case EPROTONOSUPPORT: return kProtonosupport;
  case EPROTOTYPE: return kPrototype;
  case ERANGE: return kRange;
  case EROFS: return kRofs;
  case ESPIPE: return kSpipe;
  case ESRCH: return kSrch;
  case ESTALE: return kStale;
  case ETIMEDOUT: return kTimedout;
  case ETXTBSY: return kTxtbsy;
  case EXDEV: return kXdev;
  default: return kIo;
  }
}

} // namespace minicc::runtime::wasi
