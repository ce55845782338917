/* Shared by the test/wasi programs: errno names instead of strerror() texts, which differ
   between glibc and wasi-libc, so that native and Wasm builds print the same lines. */
#pragma once
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char* errname(int e) {
  switch (e) {
    case 0: return "OK";
#define N(x) case x: return #x;
    N(EPERM) N(ENOENT) N(EBADF) N(EACCES) N(EEXIST) N(EXDEV) N(ENOTDIR) N(EISDIR) N(EINVAL)
    N(ENFILE) N(EMFILE) N(ENOSPC) N(ESPIPE) N(EROFS) N(EMLINK) N(ERANGE) N(ENAMETOOLONG)
    N(ENOSYS) N(ENOTEMPTY) N(ELOOP) N(EFAULT) N(EBUSY) N(EILSEQ) N(EOVERFLOW) N(EIO)
    N(EAGAIN) N(EFBIG) N(ENOTSUP) N(ENXIO) N(EINTR) N(ENOBUFS)
#ifdef ENOTCAPABLE
    N(ENOTCAPABLE)
#endif
#undef N
    default: {
      static char buf[16];
      snprintf(buf, sizeof buf, "E%d", e);
      return buf;
    }
  }
}

/* "label: OK" when r >= 0, else "label: ENAME". */
#define REPORT(label, r)                                                  \
  do {                                                                    \
    long report_r_ = (long)(r);                                           \
    printf("%s: %s\n", label, report_r_ >= 0 ? "OK" : errname(errno));   \
  } while (0)
