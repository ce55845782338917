// RUN: %clang-wasm -O2 -I%S/Inputs %s -o %t.wasm
// RUN: gcc -O2 -I%S/Inputs %s -o %t.native
// RUN: %python %S/Inputs/wasi_diff.py --mwasm %mwasm --wasm %t.wasm --native %t.native \
// RUN:   --work %t.d --stdin 'input on stdin' \
// RUN:   --node-skip 'poll\(file' --node-reason 'node: poll on a regular file fails (EPERM) instead of reporting it ready' \
// RUN:   | FileCheck %s
// REQUIRES: clang-14, node, gcc
// poll(): a pure timeout (a clock subscription), a regular file (always ready), stdin with data
// waiting, and both at once.
#include <fcntl.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

static long long Ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(void) {
  long long t0 = Ms();
  int r = poll(NULL, 0, 30);
  long long waited = Ms() - t0;
  printf("poll(none, 30ms) = %d, waited >= 29ms: %d, < 2s: %d\n", r, waited >= 29,
         waited < 2000);

  int fd = open("hello.txt", O_RDWR);
  struct pollfd p[2] = {{fd, POLLIN | POLLOUT, 0}, {0, POLLIN, 0}};
  t0 = Ms();
  r = poll(p, 1, 5000);
  if (r < 0) printf("poll(file): %s\n", errname(errno));
  printf("poll(file) = %d, in %d, out %d, fast: %d\n", r, (p[0].revents & POLLIN) != 0,
         (p[0].revents & POLLOUT) != 0, Ms() - t0 < 1000);
  r = poll(p + 1, 1, 5000);
  printf("poll(stdin with data) = %d, in %d\n", r, (p[1].revents & POLLIN) != 0);
  char buf[64];
  ssize_t n = read(0, buf, sizeof buf);
  printf("read stdin: [%.*s]\n", (int)n, buf);
  p[0].revents = p[1].revents = 0;
  r = poll(p, 2, 5000);
  if (r < 0) printf("poll(file, stdin): %s\n", errname(errno));
  printf("poll(file, stdin at EOF) = %d, file in %d, stdin ready %d\n", r,
         (p[0].revents & POLLIN) != 0, p[1].revents != 0);
  close(fd);
  return 0;
}
// CHECK:      poll(none, 30ms) = 0, waited >= 29ms: 1, < 2s: 1
// CHECK-NEXT: poll(file) = 1, in 1, out 1, fast: 1
// CHECK-NEXT: poll(stdin with data) = 1, in 1
// CHECK-NEXT: read stdin: [input on stdin]
// CHECK-NEXT: poll(file, stdin at EOF) = 2, file in 1, stdin ready 1
