// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --compare-tree --node-skip 'append flag|atime' \
// RUN:   --node-reason 'node: fd_fdstat_set_flags does not clear APPEND, timestamps lose their nanoseconds' \
// RUN:   --native-skip 'ftruncate on O_RDONLY' \
// RUN:   --native-reason 'WASI: a read-only fd lacks the right fd_filestat_set_size (ENOTCAPABLE); Linux says EINVAL' \
// RUN:   | FileCheck %s
// REQUIRES: clang-14, node, gcc
// Seeking, positional I/O, truncation, append mode, stat and timestamps on regular files.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static void Show(const char* label, const char* buf, ssize_t n) {
  printf("%s: %zd [", label, n);
  for (ssize_t i = 0; i < n; ++i) {
    unsigned char c = (unsigned char)buf[i];
    if (c == '\n') printf("\\n");
    else if (c >= 32 && c < 127) putchar(c);
    else printf("\\x%02x", c);
  }
  printf("]\n");
}

static void Dump(int fd, const char* label) {
  char buf[64];
  ssize_t n = pread(fd, buf, sizeof buf, 0);
  Show(label, buf, n);
}

static void Size(int fd, const char* label) {
  struct stat st;
  if (fstat(fd, &st) != 0) printf("%s: fstat %s\n", label, errname(errno));
  else printf("%s: size %lld\n", label, (long long)st.st_size);
}

int main(void) {
  char buf[32];
  int fd = open("data/numbers.txt", O_RDONLY);
  printf("seek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("seek set 10: %lld\n", (long long)lseek(fd, 10, SEEK_SET));
  Show("read 5", buf, read(fd, buf, 5));
  printf("tell: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek cur -3: %lld\n", (long long)lseek(fd, -3, SEEK_CUR));
  REPORT("seek set -1", lseek(fd, -1, SEEK_SET));
  REPORT("seek whence 7", lseek(fd, 0, 7));
  printf("tell after errors: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  Show("pread 8 at 100", buf, pread(fd, buf, 8, 100));
  printf("tell after pread: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek past end: %lld\n", (long long)lseek(fd, 1000, SEEK_SET));
  Show("read past end", buf, read(fd, buf, 5));
  REPORT("write on O_RDONLY", write(fd, "x", 1));
  REPORT("pwrite on O_RDONLY", pwrite(fd, "x", 1, 0));
  REPORT("ftruncate on O_RDONLY", ftruncate(fd, 0));
  close(fd);
  REPORT("read after close", read(fd, buf, 1));
  REPORT("lseek on stdin/out pipe", lseek(1, 0, SEEK_CUR));

  fd = open("work.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  REPORT("open work.txt", fd);
  printf("write: %zd\n", write(fd, "abcdef", 6));
  printf("pwrite at 2: %zd\n", pwrite(fd, "XY", 2, 2));
  printf("tell: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("seek 10: %lld\n", (long long)lseek(fd, 10, SEEK_SET));
  printf("write Z: %zd\n", write(fd, "Z", 1));
  Dump(fd, "content");
  Size(fd, "after hole");
  REPORT("ftruncate 4", ftruncate(fd, 4));
  Size(fd, "truncated");
  REPORT("ftruncate 8", ftruncate(fd, 8));
  Dump(fd, "extended");
  REPORT("ftruncate -1", ftruncate(fd, -1));
  REPORT("fsync", fsync(fd));
  REPORT("fdatasync", fdatasync(fd));
  printf("posix_fadvise: %s\n", errname(posix_fadvise(fd, 0, 4, POSIX_FADV_SEQUENTIAL)));
  printf("posix_fadvise bad advice: %s\n", errname(posix_fadvise(fd, 0, 4, 99)));
  printf("posix_fallocate 0+20: %s\n", errname(posix_fallocate(fd, 0, 20)));
  Size(fd, "allocated");
  printf("posix_fallocate 0+10: %s\n", errname(posix_fallocate(fd, 0, 10)));
  Size(fd, "not shrunk");
  close(fd);

  fd = open("work.txt", O_WRONLY | O_APPEND);
  printf("append flag: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  lseek(fd, 0, SEEK_SET);
  write(fd, "END", 3);
  printf("append offset: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  REPORT("clear O_APPEND", fcntl(fd, F_SETFL, 0));
  printf("append flag: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
  lseek(fd, 0, SEEK_SET);
  write(fd, "S", 1);
  close(fd);
  fd = open("work.txt", O_RDONLY);
  printf("access mode O_RDONLY: %d\n", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
  Dump(fd, "final");

  struct stat a, b, l;
  fstat(fd, &a);
  printf("fstat: regular %d, nlink %ld\n", S_ISREG(a.st_mode), (long)a.st_nlink);
  close(fd);
  stat("hello.txt", &b);
  printf("same dev: %d, different ino: %d\n", a.st_dev == b.st_dev, a.st_ino != b.st_ino);
  stat("link-to-hello", &l);
  printf("stat follows link: %d\n", l.st_ino == b.st_ino && S_ISREG(l.st_mode));
  lstat("link-to-hello", &l);
  printf("lstat: symlink %d, size %lld\n", S_ISLNK(l.st_mode), (long long)l.st_size);
  stat("data", &l);
  printf("stat data: dir %d\n", S_ISDIR(l.st_mode));
  REPORT("stat missing", stat("missing", &l));
  REPORT("stat hello.txt/x", stat("hello.txt/x", &l));

  // Timestamps, exactly as set (nanoseconds), on a path and on an fd.
  struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 500000000}};
  REPORT("utimensat", utimensat(AT_FDCWD, "hello.txt", ts, 0));
  stat("hello.txt", &b);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)b.st_atim.tv_sec, b.st_atim.tv_nsec,
         (long long)b.st_mtim.tv_sec, b.st_mtim.tv_nsec);
  fd = open("hello.txt", O_RDWR);
  struct timespec omit[2] = {{0, UTIME_OMIT}, {42, 7}};
  REPORT("futimens (atime omitted)", futimens(fd, omit));
  fstat(fd, &b);
  printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)b.st_atim.tv_sec, b.st_atim.tv_nsec,
         (long long)b.st_mtim.tv_sec, b.st_mtim.tv_nsec);
  close(fd);
  struct timespec link_ts[2] = {{5, 0}, {6, 0}};
  REPORT("utimensat nofollow", utimensat(AT_FDCWD, "link-to-hello", link_ts,
                                         AT_SYMLINK_NOFOLLOW));
  lstat("link-to-hello", &l);
  stat("hello.txt", &b);
  printf("link mtime %lld, target mtime %lld\n", (long long)l.st_mtim.tv_sec,
         (long long)b.st_mtim.tv_sec);
  return 0;
}
// CHECK:      seek end: 292
// CHECK-NEXT: seek set 10: 10
// CHECK-NEXT: read 5: 5 [6\n7\n8]
// CHECK-NEXT: tell: 15
// CHECK-NEXT: seek cur -3: 12
// CHECK-NEXT: seek set -1: EINVAL
// CHECK-NEXT: seek whence 7: EINVAL
// CHECK-NEXT: tell after errors: 12
// CHECK-NEXT: pread 8 at 100: 8 [7\n38\n39\n]
// CHECK-NEXT: tell after pread: 12
// CHECK-NEXT: seek past end: 1000
// CHECK-NEXT: read past end: 0 []
// CHECK-NEXT: write on O_RDONLY: EBADF
// CHECK-NEXT: pwrite on O_RDONLY: EBADF
// CHECK-NEXT: ftruncate on O_RDONLY: ENOTCAPABLE
// CHECK-NEXT: read after close: EBADF
// CHECK-NEXT: lseek on stdin/out pipe: ESPIPE
// CHECK-NEXT: open work.txt: OK
// CHECK-NEXT: write: 6
// CHECK-NEXT: pwrite at 2: 2
// CHECK-NEXT: tell: 6
// CHECK-NEXT: seek 10: 10
// CHECK-NEXT: write Z: 1
// CHECK-NEXT: content: 11 [abXYef\x00\x00\x00\x00Z]
// CHECK-NEXT: after hole: size 11
// CHECK-NEXT: ftruncate 4: OK
// CHECK-NEXT: truncated: size 4
// CHECK-NEXT: ftruncate 8: OK
// CHECK-NEXT: extended: 8 [abXY\x00\x00\x00\x00]
// CHECK-NEXT: ftruncate -1: EINVAL
// CHECK-NEXT: fsync: OK
// CHECK-NEXT: fdatasync: OK
// CHECK-NEXT: posix_fadvise: OK
// CHECK-NEXT: posix_fadvise bad advice: EINVAL
// CHECK-NEXT: posix_fallocate 0+20: OK
// CHECK-NEXT: allocated: size 20
// CHECK-NEXT: posix_fallocate 0+10: OK
// CHECK-NEXT: not shrunk: size 20
// CHECK-NEXT: append flag: 1
// CHECK-NEXT: append offset: 23
// CHECK-NEXT: clear O_APPEND: OK
// CHECK-NEXT: append flag: 0
// CHECK-NEXT: access mode O_RDONLY: 1
// CHECK-NEXT: final: 23 [SbXY\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00END]
// CHECK-NEXT: fstat: regular 1, nlink 1
// CHECK-NEXT: same dev: 1, different ino: 1
// CHECK-NEXT: stat follows link: 1
// CHECK-NEXT: lstat: symlink 1, size 9
// CHECK-NEXT: stat data: dir 1
// CHECK-NEXT: stat missing: ENOENT
// CHECK-NEXT: stat hello.txt/x: ENOTDIR
// CHECK-NEXT: utimensat: OK
// CHECK-NEXT: atime 1000000000.123456789 mtime 1234567890.500000000
// CHECK-NEXT: futimens (atime omitted): OK
// CHECK-NEXT: atime 1000000000.123456789 mtime 42.000000007
// CHECK-NEXT: utimensat nofollow: OK
// CHECK-NEXT: link mtime 6, target mtime 42
