// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --stdin 'from stdin' -- hello.txt - data/empty.txt ./data/sub/deep.txt \
// RUN:   link-to-hello dirlink/sub/deep.txt data/uplink | FileCheck %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.e --exit 1 --node-skip 'data: read' \
// RUN:   --node-reason 'node: fd_read on a directory is EBADF; read(2) says EISDIR' -- missing.txt data hello.txt | FileCheck --check-prefix=ERR %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.f -- data/numbers.txt | FileCheck --check-prefix=BIG %s
// REQUIRES: clang-14, node, gcc
// cat: copies files ("-" is stdin, the host's) to stdout with read/write; errors by name.
#include <fcntl.h>
#include <unistd.h>

#include "common.h"

static int Copy(int fd) {
  char buf[7];  // small on purpose: many reads per file
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) return -1;
    if (n == 0) return 0;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(1, buf + done, (size_t)(n - done));
      if (w <= 0) return -1;
      done += w;
    }
  }
}

int main(int argc, char** argv) {
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
    if (fd < 0) {
      printf("cat: %s: open: %s\n", argv[i], errname(errno));
      status = 1;
      continue;
    }
    fflush(stdout);
    if (Copy(fd) < 0) {
      printf("cat: %s: read: %s\n", argv[i], errname(errno));
      status = 1;
    }
    if (fd != 0) close(fd);
  }
  return status;
}
// CHECK:      Hello, WASI!
// CHECK-NEXT: from stdindeep
// CHECK-NEXT: Hello, WASI!
// CHECK-NEXT: deep
// CHECK-NEXT: Hello, WASI!
// CHECK-EMPTY:

// ERR:      cat: missing.txt: open: ENOENT
// ERR-NEXT: cat: data: read: EISDIR
// ERR-NEXT: Hello, WASI!

// BIG: 1
// BIG: 100
