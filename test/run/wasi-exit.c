// RUN: %clang-wasm -O2 %s -o %t.wasm
// RUN: %python %S/Inputs/exit-status.py %mwasm run %t.wasm | FileCheck %s
// REQUIRES: clang-14
// exit(n) from deep inside the program ends the run with status n, flushing stdout first.
#include <stdio.h>
#include <stdlib.h>

static void leave(int depth) {
  if (depth == 0) exit(42);
  leave(depth - 1);
}
int main(void) {
  printf("before exit\n");
  leave(100);
  printf("not reached\n");
}
// CHECK: before exit
// CHECK-NOT: not reached
// CHECK: exit: 42
