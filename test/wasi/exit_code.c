// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.a -- return 0 | FileCheck --check-prefix=RET0 %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.b --exit 42 -- return 42 | FileCheck --check-prefix=RET42 %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.c --exit 3 -- exit 3 | FileCheck --check-prefix=EXIT3 %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --exit 125 -- _Exit 125 | FileCheck --allow-empty --check-prefix=QUICK %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.e --exit 1 -- exit 257 | FileCheck --check-prefix=WRAP %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.f --exit 134 -- abort 0 | FileCheck --check-prefix=ABORT %s
// RUN: not %mwasm run %t.wasm abort 0 2>&1 | FileCheck --check-prefix=TRAP %s
// REQUIRES: clang-14, node, gcc
// Exit statuses: return from main, exit() (atexit handlers and stdio flushed), _Exit (not),
// a status above 255 (the host keeps the low 8 bits), abort() (a trap: status 134).
#include <stdlib.h>

#include "common.h"

static void AtExit(void) { printf("atexit handler ran\n"); }

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  setvbuf(stdout, NULL, _IOFBF, 1024);  // the same buffering in every libc
  atexit(AtExit);
  int n = atoi(argv[2]);
  printf("mode %s %d\n", argv[1], n);  // buffered: only flushed by a normal exit
  if (strcmp(argv[1], "exit") == 0) exit(n);
  if (strcmp(argv[1], "_Exit") == 0) _Exit(n);
  if (strcmp(argv[1], "abort") == 0) {
    fflush(stdout);
    abort();
  }
  return n;
}
// RET0:       mode return 0
// RET0-NEXT:  atexit handler ran
// RET42:      mode return 42
// RET42-NEXT: atexit handler ran
// EXIT3:      mode exit 3
// EXIT3-NEXT: atexit handler ran
// QUICK-NOT:  {{.}}
// WRAP:       mode exit 257
// ABORT:      mode abort 0
// ABORT-NOT:  atexit
// TRAP:       trap: unreachable
