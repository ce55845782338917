// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d | FileCheck %s
// REQUIRES: clang-14, node, gcc
// Clocks and randomness, printed as properties (never values): the realtime clock is near the
// host's, monotonic time does not go back, sleeping takes at least as long as asked, random
// bytes differ between draws.
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static long long Ns(clockid_t id) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return -1;
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
  long long real = Ns(CLOCK_REALTIME);
  time_t t = time(NULL);
  printf("realtime after 2024: %d\n", real > 1704067200LL * 1000000000LL);
  printf("time() agrees with realtime: %d\n", llabs((long long)t - real / 1000000000LL) <= 2);
  long long prev = Ns(CLOCK_MONOTONIC), first = prev;
  int monotonic = prev >= 0;
  for (int i = 0; i < 2000; ++i) {
    long long now = Ns(CLOCK_MONOTONIC);
    if (now < prev) monotonic = 0;
    prev = now;
  }
  printf("monotonic never goes back: %d\n", monotonic);
  struct timespec res;
  REPORT("clock_getres monotonic", clock_getres(CLOCK_MONOTONIC, &res));
  printf("resolution in (0, 1ms]: %d\n", res.tv_sec == 0 && res.tv_nsec > 0 &&
                                           res.tv_nsec <= 1000000);
  REPORT("clock_getres realtime", clock_getres(CLOCK_REALTIME, &res));
  long long cpu = Ns(CLOCK_PROCESS_CPUTIME_ID);
  printf("process cputime readable: %d\n", cpu >= 0);

  struct timespec nap = {0, 20 * 1000000};
  long long before = Ns(CLOCK_MONOTONIC);
  REPORT("nanosleep 20ms", nanosleep(&nap, NULL));
  long long slept = Ns(CLOCK_MONOTONIC) - before;
  printf("slept >= 20ms: %d, < 2s: %d\n", slept >= 20000000, slept < 2000000000LL);
  before = Ns(CLOCK_MONOTONIC);
  usleep(5000);
  printf("usleep 5ms: %d\n", Ns(CLOCK_MONOTONIC) - before >= 5000000);
  printf("monotonic advanced: %d\n", Ns(CLOCK_MONOTONIC) > first);

  unsigned char a[64], b[64];
  REPORT("getentropy", getentropy(a, sizeof a));
  REPORT("getentropy again", getentropy(b, sizeof b));
  printf("draws differ: %d\n", memcmp(a, b, sizeof a) != 0);
  int seen[256] = {0}, distinct = 0;
  unsigned char big[4096];
  for (int round = 0; round < 4; ++round) {
    getentropy(big, 256);  // getentropy allows at most 256 bytes per call
    for (int i = 0; i < 256; ++i) distinct += !seen[big[i]]++;
  }
  printf("byte values seen in 1 KiB: more than 200: %d\n", distinct > 200);
  REPORT("getentropy 257 bytes", getentropy(big, 257));
  return 0;
}
// CHECK:      realtime after 2024: 1
// CHECK-NEXT: time() agrees with realtime: 1
// CHECK-NEXT: monotonic never goes back: 1
// CHECK-NEXT: clock_getres monotonic: OK
// CHECK-NEXT: resolution in (0, 1ms]: 1
// CHECK-NEXT: clock_getres realtime: OK
// CHECK-NEXT: process cputime readable: 1
// CHECK-NEXT: nanosleep 20ms: OK
// CHECK-NEXT: slept >= 20ms: 1, < 2s: 1
// CHECK-NEXT: usleep 5ms: 1
// CHECK-NEXT: monotonic advanced: 1
// CHECK-NEXT: getentropy: OK
// CHECK-NEXT: getentropy again: OK
// CHECK-NEXT: draws differ: 1
// CHECK-NEXT: byte values seen in 1 KiB: more than 200: 1
// CHECK-NEXT: getentropy 257 bytes: EIO
