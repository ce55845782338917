// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// putchar/puts/fputs/fputc/putc/fwrite/fprintf to stdout (buffered, flushed at exit) and to
// stderr, fflush, the return values, and output larger than the stdout buffer.
// CHECK: stdio-basic.c: 2009 lines, identical on {{[0-9]}} runners and gcc
#include <stdio.h>
#include <string.h>

int main(void) {
  int r = putchar('A');
  printf(" putchar=%d\n", r);
  r = puts("puts line");
  printf("puts>=0: %d\n", r >= 0);
  r = fputs("fputs no newline", stdout);
  printf(" fputs>=0: %d\n", r >= 0);
  fputc('x', stdout);
  putc('y', stdout);
  putc('\n', stdout);
  size_t w = fwrite("abcdef", 2, 3, stdout);
  printf(" fwrite=%d\n", (int)w);
  w = fwrite("abc", 0, 3, stdout);
  printf("fwrite0=%d\n", (int)w);
  fprintf(stderr, "to stderr %d\n", 42);
  fprintf(stdout, "fprintf stdout %s %5.1f\n", "ok", 2.25);
  fflush(stdout);
  fflush(NULL);
  // More than the buffer: 2000 lines of ~30 bytes.
  for (int i = 0; i < 2000; i++) printf("line %04d %s\n", i, i % 2 ? "odd" : "even");
  char big[3000];
  memset(big, 'z', sizeof big - 1);
  big[sizeof big - 1] = 0;
  puts(big);
  return 3;
}
