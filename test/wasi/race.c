// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --work %t.d \
// RUN:   --runners mwasm --tree escape --escape-check --swap swapdir=inside-dir,../outside \
// RUN:   --swap swapfile=inside-dir/secret.txt,../outside/secret.txt | FileCheck %s
// REQUIRES: clang-14
// A symlink swapped during the call: while the host flips `swapdir` between a directory inside
// the sandbox and ../outside, and `swapfile` between a file inside and ../outside/secret.txt,
// the guest keeps opening, stat-ing and renaming through them. Each attempt either reaches the
// inside target or is refused; nothing outside is ever read or changed (--escape-check).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int escaped = 0, errors_other = 0;

static void Try(const char* path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    if (errno != ENOTCAPABLE && errno != ENOENT) ++errors_other;
    return;
  }
  char buf[32] = {0};
  read(fd, buf, sizeof buf - 1);
  close(fd);
  if (strcmp(buf, "inside\n") != 0) {
    ++escaped;
    printf("ESCAPED via %s: %s\n", path, buf);
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct stat st;
  for (int i = 0; i < 1500; ++i) {
    Try("swapdir/secret.txt");
    Try("swapfile");
    Try("swapdir/../inside-dir/secret.txt");
    if (stat("swapdir/secret.txt", &st) == 0 && st.st_size != 7) ++escaped;
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    utimensat(AT_FDCWD, "swapfile", ts, 0);  // must never touch ../outside/secret.txt
    if (mkdir("swapdir/new", 0755) == 0) rmdir("swapdir/new");
  }
  printf("escaped: %d, unexpected errors: %d\n", escaped, errors_other);
  return 0;
}
// CHECK: escaped: 0, unexpected errors: 0
