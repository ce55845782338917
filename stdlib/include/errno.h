/* errno.h: errors (C99 7.5), with the WASI (wasi_snapshot_preview1) values. */
#ifndef __MINICC_ERRNO_H
#define __MINICC_ERRNO_H
extern int errno;
#define E2BIG 1
#define EACCES 2
#define EAGAIN 6
#define EBADF 8
#define EBUSY 10
#define EDOM 18
#define EEXIST 20
#define EFAULT 21
#define EFBIG 22
#define EILSEQ 25
#define EINTR 27
#define EINVAL 28
#define EIO 29
#define EISDIR 31
#define EMFILE 33
#define ENAMETOOLONG 37
#define ENOENT 44
#define ENOMEM 48
#define ENOSPC 51
#define ENOSYS 52
#define ENOTDIR 54
#define ENOTEMPTY 55
#define ENOTSUP 58
#define ENOTTY 59
#define EPERM 63
#define EPIPE 64
#define ERANGE 68
#define ESPIPE 70
#endif
