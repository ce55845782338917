// RUN: %minicc -E -DFEATURE=3 -DFLAG -UFLAG %s | FileCheck %s
// #if arithmetic, defined, #elif chains, -D and -U on the command line.
#if FEATURE * 2 == 6 && defined(FEATURE) && !defined FLAG
int feature_on;
#endif
// CHECK: int feature_on;
#if -1 > 0u
int unsigned_compare;
#endif
// CHECK: int unsigned_compare;
#if 0
#error not reached
#elif (1 ? 2 : 3) == 2
int elif_taken;
#else
int else_taken;
#endif
// CHECK: int elif_taken;
// CHECK-NOT: else_taken
#if __STDC_VERSION__ == 199901L && __wasm32__ && __SIZEOF_POINTER__ == 4
int c99_wasm32;
#endif
// CHECK: int c99_wasm32;
#ifndef UNDEFINED_THING
int ifndef_ok;
#endif
// CHECK: int ifndef_ok;
