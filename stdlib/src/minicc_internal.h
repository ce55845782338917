/* Private declarations shared by the stdlib sources (in src/, not a public header). The
 * sources include only this file, never the public headers, so that they build both with
 * minicc and with clang --target=wasm32-wasi (whose wasi-libc headers would clash). */
#ifndef __MINICC_INTERNAL_H
#define __MINICC_INTERNAL_H

typedef unsigned long __size_t;
typedef __builtin_va_list __va_list;

#define __WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

struct __minicc_iovec {
  void *buf;
  __size_t len;
};

int __wasi_fd_write(int fd, const struct __minicc_iovec *iovs, __size_t n, __size_t *written)
    __WASI("fd_write");
int __wasi_fd_read(int fd, const struct __minicc_iovec *iovs, __size_t n, __size_t *nread)
    __WASI("fd_read");
int __wasi_fd_close(int fd) __WASI("fd_close");
int __wasi_fd_seek(int fd, long long offset, int whence, unsigned long long *newoffset)
    __WASI("fd_seek");
void __wasi_proc_exit(int code) __WASI("proc_exit");

/* FILE: a buffered WASI file descriptor. */
struct __minicc_FILE {
  int fd;
  int flags;          /* __F_* below */
  unsigned char *buf; /* buffer of `cap` bytes */
  int cap;
  int wlen;           /* bytes waiting to be written */
  int rpos, rend;     /* unread bytes are buf[rpos..rend) */
  int ungot;          /* a character pushed back by ungetc, or -1 */
};
#define __F_READ 1
#define __F_WRITE 2
#define __F_EOF 4
#define __F_ERR 8
#define __F_LINEBUF 16
#define __F_STATIC 32  /* not malloc'ed: never freed */
#define __F_APPEND 64

typedef struct __minicc_FILE __FILE;

/* Set by stdio when a buffered stream is first written; exit() calls it (so that programs
 * which never use stdio do not link it). */
extern void (*__minicc_stdio_exit)(void);
extern int errno;
extern __FILE *stdin;
extern __FILE *stdout;
extern __FILE *stderr;

int __minicc_fflush(__FILE *f);
__size_t __minicc_fwrite(const void *p, __size_t len, __FILE *f);
int __minicc_vformat(__FILE *f, char *s, __size_t cap, const char *fmt, __va_list ap);

void *malloc(__size_t n);
void free(void *p);
void *memcpy(void *dst, const void *src, __size_t n);
void *memset(void *dst, int c, __size_t n);
__size_t strlen(const char *s);

#endif
