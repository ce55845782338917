// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --compare-tree -- hello.txt copy.txt data/sub/bin.dat data/bin-copy.dat \
// RUN:   data/numbers.txt link-to-hello data/empty.txt emptydir/e.txt | FileCheck %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.e --compare-tree --exit 1 -- missing.txt a.txt hello.txt nodir/x.txt \
// RUN:   hello.txt data | FileCheck --check-prefix=ERR %s
// REQUIRES: clang-14, node, gcc
// cp SRC DST...: copies pairs of files (DST created or truncated, mode 0644); the host tree
// left behind must be the same for every runner.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

static int Copy(const char* from, const char* to) {
  int in = open(from, O_RDONLY);
  if (in < 0) return printf("cp: %s: %s\n", from, errname(errno)), 1;
  int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) {
    printf("cp: %s: %s\n", to, errname(errno));
    close(in);
    return 1;
  }
  char buf[100];
  long total = 0;
  ssize_t n;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    if (write(out, buf, (size_t)n) != n) return printf("cp: write: %s\n", errname(errno)), 1;
    total += n;
  }
  struct stat st;
  fstat(out, &st);
  printf("%s -> %s: %ld bytes, size %lld, regular %d\n", from, to, total, (long long)st.st_size,
         S_ISREG(st.st_mode));
  close(in);
  close(out);
  return 0;
}

int main(int argc, char** argv) {
  int status = 0;
  for (int i = 1; i + 1 < argc; i += 2) status |= Copy(argv[i], argv[i + 1]);
  return status;
}
// CHECK:      hello.txt -> copy.txt: 13 bytes, size 13, regular 1
// CHECK-NEXT: data/sub/bin.dat -> data/bin-copy.dat: 768 bytes, size 768, regular 1
// CHECK-NEXT: data/numbers.txt -> link-to-hello: 292 bytes, size 292, regular 1
// CHECK-NEXT: data/empty.txt -> emptydir/e.txt: 0 bytes, size 0, regular 1

// ERR:      cp: missing.txt: ENOENT
// ERR-NEXT: cp: nodir/x.txt: ENOENT
// ERR-NEXT: cp: data: EISDIR
