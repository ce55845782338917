// RUN: %clang-wasm -O2 %s -o %t.wasm
// RUN: %python %S/Inputs/exit-status.py %mwasm run --env GREETING=hello %t.wasm one --two | FileCheck %s
// REQUIRES: clang-14
// A WASI command: argv after the file (options included), the environment, stdout, exit status.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char** argv) {
  fprintf(stderr, "to stderr\n");
  for (int i = 1; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
  const char* g = getenv("GREETING");
  printf("env: %s\n", g ? g : "(unset)");
  struct timespec ts;
  printf("clock: %s\n", clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? "ok" : "failed");
  return argc;
}
// CHECK: to stderr
// CHECK: arg 1: one
// CHECK-NEXT: arg 2: --two
// CHECK-NEXT: env: hello
// CHECK-NEXT: clock: ok
// CHECK: exit: 3
