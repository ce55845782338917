// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --tree big --node-skip 'd_ino|dot entries' \
// RUN:   --node-reason 'node: fd_readdir leaves out . and .., and gives d_ino 0' -- data many emptydir hello.txt | FileCheck %s
// REQUIRES: clang-14, node, gcc
// readdir in detail: d_type of each kind, d_ino against stat, "." and "..", telldir/seekdir
// (the WASI cookie) in the middle of a large directory, rewinddir, errors.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static const char* TypeName(unsigned char t) {
  switch (t) {
    case DT_DIR: return "dir";
    case DT_REG: return "file";
    case DT_LNK: return "symlink";
    case DT_UNKNOWN: return "unknown";
    default: return "other";
  }
}

static int Compare(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static void List(const char* path) {
  DIR* d = opendir(path);
  if (!d) {
    printf("%s: opendir: %s\n", path, errname(errno));
    return;
  }
  char* lines[512];
  size_t n = 0, count = 0, ino_ok = 0, dots = 0;
  struct dirent* e;
  while ((e = readdir(d)) != NULL) {
    ++count;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
      ++dots;
      continue;
    }
    char child[512];
    snprintf(child, sizeof child, "%s/%s", path, e->d_name);
    struct stat st;
    if (lstat(child, &st) == 0 && st.st_ino == e->d_ino) ++ino_ok;
    if (n < 512) {
      char line[600];
      snprintf(line, sizeof line, "  %s %s", e->d_name, TypeName(e->d_type));
      lines[n++] = strdup(line);
    }
  }
  printf("%s: %zu entries\n", path, count - dots);
  printf("%s: d_ino == st_ino for %zu\n", path, ino_ok);
  printf("%s: dot entries: %zu\n", path, dots);
  if (n <= 10) {
    qsort(lines, n, sizeof *lines, Compare);
    for (size_t i = 0; i < n; ++i) printf("%s\n", lines[i]);
  }
  for (size_t i = 0; i < n; ++i) free(lines[i]);

  // Read half, remember the position, read the rest; seekdir back must replay the same names.
  rewinddir(d);
  size_t total = count, half = total / 2, replay_ok = 1;
  for (size_t i = 0; i < half; ++i) readdir(d);
  long pos = telldir(d);
  char* rest[512];
  size_t nrest = 0;
  while ((e = readdir(d)) != NULL && nrest < 512) rest[nrest++] = strdup(e->d_name);
  seekdir(d, pos);
  for (size_t i = 0; i < nrest; ++i) {
    e = readdir(d);
    if (!e || strcmp(e->d_name, rest[i]) != 0) replay_ok = 0;
    free(rest[i]);
  }
  if (readdir(d) != NULL) replay_ok = 0;
  printf("%s: seekdir replay %s\n", path, replay_ok && half + nrest == count ? "ok" : "WRONG");
  closedir(d);
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) List(argv[i]);
  // fdopendir on a directory opened with open(O_DIRECTORY).
  int fd = open("data", O_RDONLY | O_DIRECTORY);
  DIR* d = fdopendir(fd);
  size_t n = 0;
  struct dirent* e;
  while (d && (e = readdir(d)) != NULL) n += e->d_name[0] != '.';
  printf("fdopendir(data): %s, %zu entries\n", d ? "OK" : errname(errno), n);
  if (d) closedir(d);
  REPORT("open(hello.txt, O_DIRECTORY)", open("hello.txt", O_RDONLY | O_DIRECTORY));
  return 0;
}
// CHECK:      data: 4 entries
// CHECK-NEXT: data: d_ino == st_ino for 4
// CHECK-NEXT: data: dot entries: 2
// CHECK-NEXT:   empty.txt file
// CHECK-NEXT:   numbers.txt file
// CHECK-NEXT:   sub dir
// CHECK-NEXT:   uplink symlink
// CHECK-NEXT: data: seekdir replay ok
// CHECK-NEXT: many: 300 entries
// CHECK-NEXT: many: d_ino == st_ino for 300
// CHECK-NEXT: many: dot entries: 2
// CHECK-NEXT: many: seekdir replay ok
// CHECK-NEXT: emptydir: 0 entries
// CHECK-NEXT: emptydir: d_ino == st_ino for 0
// CHECK-NEXT: emptydir: dot entries: 2
// CHECK-NEXT: emptydir: seekdir replay ok
// CHECK-NEXT: hello.txt: opendir: ENOTDIR
// CHECK-NEXT: fdopendir(data): OK, 4 entries
// CHECK-NEXT: open(hello.txt, O_DIRECTORY): ENOTDIR
