// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// The builtins that are one Wasm instruction (f64.sqrt, f64.abs, floor, ceil, trunc, nearest,
// copysign and their f32 forms) agree with gcc+glibc, and __builtin_trap ends the program.
// CHECK: wasm-builtins.c: 9 lines, identical on {{[0-9]}} runners and gcc
#include <stdio.h>

static const double v[] = {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 2.0, 1e300, -3.75, 123.456};

int main(void) {
  int n = (int)(sizeof v / sizeof v[0]);
  for (int i = 0; i < n; i++) printf("%g ", __builtin_sqrt(v[i] < 0 ? -v[i] : v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) printf("%g ", __builtin_fabs(v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) printf("%g/%g ", __builtin_floor(v[i]), __builtin_ceil(v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) printf("%g/%g ", __builtin_trunc(v[i]), __builtin_rint(v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) printf("%g ", __builtin_nearbyint(v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) printf("%g ", __builtin_copysign(3.0, v[i]));
  printf("\n");
  for (int i = 0; i < n; i++) {
    float f = (float)v[i];
    printf("%.9g/%.9g ", (double)__builtin_sqrtf(f < 0 ? -f : f), (double)__builtin_floorf(f));
  }
  printf("\n");
  for (int i = 0; i < n; i++) {
    float f = (float)v[i];
    printf("%g/%g/%g ", (double)__builtin_ceilf(f), (double)__builtin_truncf(f),
           (double)__builtin_fabsf(f));
  }
  printf("\n%.17g\n", __builtin_sqrt(2.0));
  fflush(stdout);
  __builtin_trap();
  printf("not reached\n");
  return 0;
}
