// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --compare-tree \
// RUN:   --node-skip 'relative up|empty target|buffer 4|readlink s1:|data/sub/up|subdir-link/\.\.|O_NOFOLLOW on symlink|readlinkat' \
// RUN:   --node-reason 'node: checks a symlink target against the preopen, not the link directory; EINVAL for an empty target; readlink with a short buffer fails instead of truncating; folds x/.. lexically before following x; ignores O_NOFOLLOW' \
// RUN:   | FileCheck %s
// REQUIRES: clang-14, node, gcc
// symlink, readlink, link and how paths through symlinks resolve inside the sandbox.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static void ReadLink(const char* path, size_t size) {
  char buf[64] = {0};
  ssize_t n = readlink(path, buf, size);
  if (n < 0) printf("readlink %s: %s\n", path, errname(errno));
  else printf("readlink %s (buffer %zu): %zd [%.*s]\n", path, size, n, (int)n, buf);
}

static void Cat(const char* path) {
  char buf[64];
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("cat %s: %s\n", path, errname(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  for (ssize_t i = 0; i < n; ++i)
    if (buf[i] == '\n') n = i;  // the first line
  printf("cat %s: [%.*s]\n", path, (int)n, buf);
}

static long Links(const char* path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_nlink : -1;
}

int main(void) {
  REPORT("symlink file", symlink("hello.txt", "s1"));
  REPORT("symlink exists", symlink("whatever", "s1"));
  REPORT("symlink dangling", symlink("does-not-exist", "dangling"));
  REPORT("symlink in subdir, relative up", symlink("../../hello.txt", "data/sub/up"));
  REPORT("symlink to dir", symlink("data/sub", "subdir-link"));
  REPORT("symlink chain", symlink("s1", "s2"));
  REPORT("symlink loop a", symlink("loop-b", "loop-a"));
  REPORT("symlink loop b", symlink("loop-a", "loop-b"));
  REPORT("symlink empty target", symlink("", "empty-target"));
  ReadLink("s1", 63);
  ReadLink("s1", 4);
  ReadLink("data/sub/up", 63);
  ReadLink("hello.txt", 63);
  ReadLink("missing", 63);
  ReadLink("dirlink/uplink", 63);
  Cat("s1");
  Cat("s2");
  Cat("data/sub/up");
  Cat("subdir-link/deep.txt");
  Cat("subdir-link/../numbers.txt");
  Cat("dirlink/uplink");
  Cat("dangling");
  Cat("loop-a");
  Cat("s1/");
  REPORT("O_NOFOLLOW on symlink", open("s1", O_RDONLY | O_NOFOLLOW));
  REPORT("O_NOFOLLOW on file", open("hello.txt", O_RDONLY | O_NOFOLLOW));
  REPORT("O_CREAT through dangling symlink", open("dangling", O_WRONLY | O_CREAT, 0644));
  Cat("does-not-exist");

  struct stat st;
  REPORT("lstat dangling", lstat("dangling", &st));
  REPORT("stat dangling", stat("data/sub/../../dangling", &st));
  REPORT("stat loop", stat("loop-a", &st));

  printf("nlink before: %ld\n", Links("hello.txt"));
  REPORT("link", link("hello.txt", "data/hard"));
  printf("nlink after: %ld\n", Links("hello.txt"));
  REPORT("link exists", link("hello.txt", "data/hard"));
  REPORT("link dir", link("data", "data-hard"));
  REPORT("link missing", link("missing", "x"));
  REPORT("link to symlink (no follow)", link("s1", "s1-hard"));
  lstat("s1-hard", &st);
  printf("s1-hard is symlink: %d\n", S_ISLNK(st.st_mode));
  int fd = open("data/hard", O_WRONLY | O_APPEND);
  write(fd, "via hard link\n", 14);
  close(fd);
  Cat("hello.txt");
  REPORT("unlink original", unlink("hello.txt"));
  printf("nlink of data/hard: %ld\n", Links("data/hard"));
  Cat("s1");
  REPORT("unlink s2", unlink("s2"));
  REPORT("lstat s1 after unlinking s2", lstat("s1", &st));
  REPORT("symlinkat AT_FDCWD", symlinkat("data/hard", AT_FDCWD, "s3"));
  Cat("s3");
  REPORT("readlinkat", readlinkat(AT_FDCWD, "s3", (char[8]){0}, 8));
  REPORT("unlink data/sub/up", unlink("data/sub/up"));
  return 0;
}
// CHECK:      symlink file: OK
// CHECK-NEXT: symlink exists: EEXIST
// CHECK-NEXT: symlink dangling: OK
// CHECK-NEXT: symlink in subdir, relative up: OK
// CHECK-NEXT: symlink to dir: OK
// CHECK-NEXT: symlink chain: OK
// CHECK-NEXT: symlink loop a: OK
// CHECK-NEXT: symlink loop b: OK
// CHECK-NEXT: symlink empty target: ENOENT
// CHECK-NEXT: readlink s1 (buffer 63): 9 [hello.txt]
// CHECK-NEXT: readlink s1 (buffer 4): 4 [hell]
// CHECK-NEXT: readlink data/sub/up (buffer 63): 15 [../../hello.txt]
// CHECK-NEXT: readlink hello.txt: EINVAL
// CHECK-NEXT: readlink missing: ENOENT
// CHECK-NEXT: readlink dirlink/uplink (buffer 63): 12 [../hello.txt]
// CHECK-NEXT: cat s1: [Hello, WASI!]
// CHECK-NEXT: cat s2: [Hello, WASI!]
// CHECK-NEXT: cat data/sub/up: [Hello, WASI!]
// CHECK-NEXT: cat subdir-link/deep.txt: [deep]
// CHECK-NEXT: cat subdir-link/../numbers.txt: [1]
// CHECK-NEXT: cat dirlink/uplink: [Hello, WASI!]
// CHECK-NEXT: cat dangling: ENOENT
// CHECK-NEXT: cat loop-a: ELOOP
// CHECK-NEXT: cat s1/: ENOTDIR
// CHECK-NEXT: O_NOFOLLOW on symlink: ELOOP
// CHECK-NEXT: O_NOFOLLOW on file: OK
// CHECK-NEXT: O_CREAT through dangling symlink: OK
// CHECK-NEXT: cat does-not-exist: []
// CHECK-NEXT: lstat dangling: OK
// CHECK-NEXT: stat dangling: OK
// CHECK-NEXT: stat loop: ELOOP
// CHECK-NEXT: nlink before: 1
// CHECK-NEXT: link: OK
// CHECK-NEXT: nlink after: 2
// CHECK-NEXT: link exists: EEXIST
// CHECK-NEXT: link dir: EPERM
// CHECK-NEXT: link missing: ENOENT
// CHECK-NEXT: link to symlink (no follow): OK
// CHECK-NEXT: s1-hard is symlink: 1
// CHECK-NEXT: cat hello.txt: [Hello, WASI!]
// CHECK-NEXT: unlink original: OK
// CHECK-NEXT: nlink of data/hard: 1
// CHECK-NEXT: cat s1: ENOENT
// CHECK-NEXT: unlink s2: OK
// CHECK-NEXT: lstat s1 after unlinking s2: OK
// CHECK-NEXT: symlinkat AT_FDCWD: OK
// CHECK-NEXT: cat s3: [Hello, WASI!]
// CHECK-NEXT: readlinkat: OK
// CHECK-NEXT: unlink data/sub/up: OK
