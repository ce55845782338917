// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --env GREETING=hello --env EMPTY= --env 'SPACED=a b  c' --env EQ=x=y \
// RUN:   -- one 'two words' '' --flag=3 'ünïcödé' | FileCheck %s
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.e | FileCheck --check-prefix=NONE %s
// REQUIRES: clang-14, node, gcc
// Echoes argv[1..] and the whole environment (sorted): the guest sees exactly what --env gives.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char** environ;

static int Compare(const void* a, const void* b) {
  return strcmp(*(char* const*)a, *(char* const*)b);
}

int main(int argc, char** argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
  size_t n = 0;
  while (environ[n]) ++n;
  char** sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, environ, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, Compare);
  printf("environ: %zu\n", n);
  for (size_t i = 0; i < n; ++i) printf("  %s\n", sorted[i]);
  const char* g = getenv("GREETING");
  printf("getenv(GREETING)=%s\n", g ? g : "(null)");
  printf("getenv(HOME)=%s\n", getenv("HOME") ? "set" : "(null)");
  free(sorted);
  return 0;
}
// CHECK:      argc=6
// CHECK-NEXT: argv[1]=[one] len=3
// CHECK-NEXT: argv[2]=[two words] len=9
// CHECK-NEXT: argv[3]=[] len=0
// CHECK-NEXT: argv[4]=[--flag=3] len=8
// CHECK-NEXT: argv[5]=[ünïcödé] len=11
// CHECK-NEXT: environ: 4
// CHECK-NEXT:   EMPTY=
// CHECK-NEXT:   EQ=x=y
// CHECK-NEXT:   GREETING=hello
// CHECK-NEXT:   SPACED=a b  c
// CHECK-NEXT: getenv(GREETING)=hello
// CHECK-NEXT: getenv(HOME)=(null)

// NONE:      argc=1
// NONE-NEXT: environ: 0
// NONE-NEXT: getenv(GREETING)=(null)
