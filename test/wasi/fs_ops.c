// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --compare-tree | FileCheck %s
// REQUIRES: clang-14, node, gcc
// mkdir, rmdir, rename, unlink and open flags, with their errors; the tree left behind is
// compared across runners.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int Exists(const char* p) {
  struct stat st;
  return lstat(p, &st) == 0;
}

int main(void) {
  REPORT("mkdir new", mkdir("new", 0755));
  REPORT("mkdir new again", mkdir("new", 0755));
  REPORT("mkdir new/a/b (no parent)", mkdir("new/a/b", 0755));
  REPORT("mkdir new/a", mkdir("new/a", 0755));
  REPORT("mkdir new/a/b", mkdir("new/a/b", 0755));
  REPORT("mkdir over file", mkdir("hello.txt", 0755));
  REPORT("mkdir under file", mkdir("hello.txt/d", 0755));
  REPORT("mkdir trailing slash", mkdir("slashed/", 0755));
  REPORT("rmdir non-empty", rmdir("new/a"));
  REPORT("rmdir file", rmdir("hello.txt"));
  REPORT("rmdir missing", rmdir("missing"));
  REPORT("rmdir symlink to dir", rmdir("dirlink"));
  REPORT("rmdir new/a/b", rmdir("new/a/b"));
  REPORT("rmdir new/a/", rmdir("new/a/"));
  REPORT("rmdir .", rmdir("."));

  int fd = open("new/f.txt", O_WRONLY | O_CREAT | O_EXCL, 0644);
  REPORT("create new/f.txt", fd);
  write(fd, "first\n", 6);
  close(fd);
  REPORT("O_EXCL existing", open("new/f.txt", O_WRONLY | O_CREAT | O_EXCL, 0644));
  REPORT("O_EXCL on symlink", open("link-to-hello", O_WRONLY | O_CREAT | O_EXCL, 0644));
  REPORT("open missing", open("missing.txt", O_RDONLY));
  REPORT("open dir for writing", open("data", O_WRONLY));
  REPORT("open file/", open("hello.txt/", O_RDONLY));
  REPORT("create in missing dir", open("nodir/x", O_WRONLY | O_CREAT, 0644));
  fd = open("new/f.txt", O_RDWR | O_TRUNC);
  struct stat st;
  fstat(fd, &st);
  printf("O_TRUNC size: %lld\n", (long long)st.st_size);
  write(fd, "second\n", 7);
  close(fd);

  REPORT("rename file", rename("new/f.txt", "new/g.txt"));
  printf("old gone %d, new there %d\n", !Exists("new/f.txt"), Exists("new/g.txt"));
  fd = open("other.txt", O_WRONLY | O_CREAT, 0644);
  write(fd, "other\n", 6);
  close(fd);
  REPORT("rename over existing file", rename("other.txt", "new/g.txt"));
  REPORT("rename missing", rename("missing", "x"));
  REPORT("rename dir", rename("new", "renamed"));
  REPORT("rename dir into itself", rename("renamed", "renamed/inner"));
  REPORT("rename file over dir", rename("renamed/g.txt", "emptydir"));
  REPORT("rename dir over file", rename("renamed", "hello.txt"));
  REPORT("mkdir target", mkdir("target", 0755));
  REPORT("rename dir over empty dir", rename("renamed", "target"));
  REPORT("rename dir over non-empty dir", rename("data", "target"));
  REPORT("rename symlink", rename("link-to-hello", "target/moved-link"));
  REPORT("rename to same", rename("hello.txt", "hello.txt"));

  REPORT("unlink file", unlink("target/g.txt"));
  REPORT("unlink missing", unlink("target/g.txt"));
  REPORT("unlink dir", unlink("emptydir"));
  REPORT("unlink symlink to dir", unlink("dirlink"));
  printf("data survives: %d\n", Exists("data/numbers.txt"));
  REPORT("unlink file/", unlink("hello.txt/"));
  REPORT("rmdir target", rmdir("target"));
  REPORT("remove() file", remove("data/empty.txt"));
  REPORT("remove() dir", remove("emptydir"));
  return 0;
}
// CHECK:      mkdir new: OK
// CHECK-NEXT: mkdir new again: EEXIST
// CHECK-NEXT: mkdir new/a/b (no parent): ENOENT
// CHECK-NEXT: mkdir new/a: OK
// CHECK-NEXT: mkdir new/a/b: OK
// CHECK-NEXT: mkdir over file: EEXIST
// CHECK-NEXT: mkdir under file: ENOTDIR
// CHECK-NEXT: mkdir trailing slash: OK
// CHECK-NEXT: rmdir non-empty: ENOTEMPTY
// CHECK-NEXT: rmdir file: ENOTDIR
// CHECK-NEXT: rmdir missing: ENOENT
// CHECK-NEXT: rmdir symlink to dir: ENOTDIR
// CHECK-NEXT: rmdir new/a/b: OK
// CHECK-NEXT: rmdir new/a/: OK
// CHECK-NEXT: rmdir .: EINVAL
// CHECK-NEXT: create new/f.txt: OK
// CHECK-NEXT: O_EXCL existing: EEXIST
// CHECK-NEXT: O_EXCL on symlink: EEXIST
// CHECK-NEXT: open missing: ENOENT
// CHECK-NEXT: open dir for writing: EISDIR
// CHECK-NEXT: open file/: ENOTDIR
// CHECK-NEXT: create in missing dir: ENOENT
// CHECK-NEXT: O_TRUNC size: 0
// CHECK-NEXT: rename file: OK
// CHECK-NEXT: old gone 1, new there 1
// CHECK-NEXT: rename over existing file: OK
// CHECK-NEXT: rename missing: ENOENT
// CHECK-NEXT: rename dir: OK
// CHECK-NEXT: rename dir into itself: EINVAL
// CHECK-NEXT: rename file over dir: EISDIR
// CHECK-NEXT: rename dir over file: ENOTDIR
// CHECK-NEXT: mkdir target: OK
// CHECK-NEXT: rename dir over empty dir: OK
// CHECK-NEXT: rename dir over non-empty dir: ENOTEMPTY
// CHECK-NEXT: rename symlink: OK
// CHECK-NEXT: rename to same: OK
// CHECK-NEXT: unlink file: OK
// CHECK-NEXT: unlink missing: ENOENT
// CHECK-NEXT: unlink dir: EISDIR
// CHECK-NEXT: unlink symlink to dir: OK
// CHECK-NEXT: data survives: 1
// CHECK-NEXT: unlink file/: ENOTDIR
// CHECK-NEXT: rmdir target: ENOTEMPTY
// CHECK-NEXT: remove() file: OK
// CHECK-NEXT: remove() dir: OK
