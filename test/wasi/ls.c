// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d -- . | FileCheck %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.e -- dirlink data/sub/ ./emptydir hello.txt nothere | FileCheck --check-prefix=ARGS %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.f --tree big -- many | FileCheck --check-prefix=BIG %s
// REQUIRES: clang-14, node, gcc
// ls -R: lists directory trees (entries sorted; type, size, link target), without following
// symlinks to directories; "." and ".." are read but not printed.
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int Compare(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static void Describe(const char* path, const char* shown, int depth) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    printf("%*s%s: %s\n", depth * 2, "", shown, errname(errno));
    return;
  }
  if (S_ISLNK(st.st_mode)) {
    char target[256];
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = 0;
    printf("%*s%s -> %s\n", depth * 2, "", shown, target);
  } else if (S_ISREG(st.st_mode)) {
    printf("%*s%s  (%lld bytes, %ld links)\n", depth * 2, "", shown, (long long)st.st_size,
           (long)st.st_nlink);
  } else if (S_ISDIR(st.st_mode)) {
    printf("%*s%s/\n", depth * 2, "", shown);
    DIR* d = opendir(path);
    if (!d) {
      printf("%*s  opendir: %s\n", depth * 2, "", errname(errno));
      return;
    }
    char** names = NULL;
    size_t n = 0, cap = 0, dots = 0;
    struct dirent* e;
    while ((e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
        ++dots;
        continue;
      }
      if (n == cap) names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
      names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, Compare);
    for (size_t i = 0; i < n; ++i) {
      char child[1024];
      snprintf(child, sizeof child, "%s/%s", path, names[i]);
      Describe(child, names[i], depth + 1);
      free(names[i]);
    }
    free(names);
  } else {
    printf("%*s%s  (other)\n", depth * 2, "", shown);
  }
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) Describe(argv[i], argv[i], 0);
  return 0;
}
// CHECK:      ./
// CHECK-NEXT:   data/
// CHECK-NEXT:     empty.txt  (0 bytes, 1 links)
// CHECK-NEXT:     numbers.txt  (292 bytes, 1 links)
// CHECK-NEXT:     sub/
// CHECK-NEXT:       bin.dat  (768 bytes, 1 links)
// CHECK-NEXT:       deep.txt  (5 bytes, 1 links)
// CHECK-NEXT:     uplink -> ../hello.txt
// CHECK-NEXT:   dirlink -> data
// CHECK-NEXT:   emptydir/
// CHECK-NEXT:   hello.txt  (13 bytes, 1 links)
// CHECK-NEXT:   link-to-hello -> hello.txt
// CHECK-EMPTY:

// ARGS:      dirlink -> data
// ARGS-NEXT: data/sub//
// ARGS-NEXT:   bin.dat  (768 bytes, 1 links)
// ARGS-NEXT:   deep.txt  (5 bytes, 1 links)
// ARGS-NEXT: ./emptydir/
// ARGS-NEXT: hello.txt  (13 bytes, 1 links)
// ARGS-NEXT: nothere: ENOENT

// BIG:      many/
// BIG-NEXT:   entry-with-a-longish-name-0000  (2 bytes, 1 links)
// BIG:        entry-with-a-longish-name-0299  (4 bytes, 1 links)
