// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// sscanf against glibc: %d %i %u %o %x %c %s %[...] %f %lf %e %g %n %%, widths, '*',
// hh/h/l/ll, literal matching, input failures (EOF before the first conversion) and
// matching failures.
// CHECK: sscanf.c: {{[0-9]+}} lines, identical on {{[0-9]}} runners and gcc
#include <stdio.h>

int main(void) {
  int a = -1, b = -1, c = -1, n = -1;
  unsigned u = 0;
  long long ll = 0;
  short h = 0;
  signed char hh = 0;
  char s1[32] = "-", s2[32] = "-", ch = '-';
  float f = 0;
  double d = 0, e = 0;
  int r;
  r = sscanf("12 34 56", "%d %d %d", &a, &b, &c);
  printf("%d: %d %d %d\n", r, a, b, c);
  r = sscanf("  -7,+8;0x1f", "%d,%d;%i", &a, &b, &c);
  printf("%d: %d %d %d\n", r, a, b, c);
  r = sscanf("017 0x10 10", "%i %i %i", &a, &b, &c);
  printf("%d: %d %d %d\n", r, a, b, c);
  r = sscanf("ff 777 4294967295", "%x %o %u", &a, &b, &u);
  printf("%d: %d %d %u\n", r, a, b, u);
  r = sscanf("123456789012345 70000 300", "%lld %hd %hhd", &ll, &h, &hh);
  printf("%d: %lld %d %d\n", r, ll, h, hh);
  r = sscanf("12345", "%2d%3d", &a, &b);
  printf("%d: %d %d\n", r, a, b);
  r = sscanf("hello world", "%s %s", s1, s2);
  printf("%d: %s %s\n", r, s1, s2);
  r = sscanf("abcdef", "%3s%2s", s1, s2);
  printf("%d: %s %s\n", r, s1, s2);
  r = sscanf("x y", "%c %c", &ch, s1);
  printf("%d: %c %c\n", r, ch, s1[0]);
  r = sscanf(" q", "%c", &ch);
  printf("%d: [%c]\n", r, ch);
  r = sscanf("key=value; rest", "%[a-z]=%[^;]", s1, s2);
  printf("%d: %s %s\n", r, s1, s2);
  r = sscanf("]]x", "%[]]", s1);
  printf("%d: %s\n", r, s1);
  r = sscanf("3.25 -1e3 0x1p4", "%f %lf %lf", &f, &d, &e);
  printf("%d: %g %g %g\n", r, f, d, e);
  r = sscanf("1.5e+2x 2.5", "%lf%c %le", &d, &ch, &e);
  printf("%d: %g %c %g\n", r, d, ch, e);
  r = sscanf("inf nan -INFINITY", "%lf %lf %lf", &d, &e, &d);
  printf("%d: %g\n", r, d);
  r = sscanf("100 200", "%d%n %d", &a, &n, &b);
  printf("%d: %d %d %d\n", r, a, n, b);
  r = sscanf("50% done", "%d%% %s", &a, s1);
  printf("%d: %d %s\n", r, a, s1);
  r = sscanf("1 2 3", "%*d %d %*d", &a);
  printf("%d: %d\n", r, a);
  r = sscanf("abc", "%d", &a);
  printf("%d\n", r);
  r = sscanf("", "%d", &a);
  printf("%d\n", r);
  r = sscanf("   ", "%s", s1);
  printf("%d\n", r);
  r = sscanf("12 abc", "%d %d", &a, &b);
  printf("%d: %d\n", r, a);
  r = sscanf("a:b", "%[^:]:%s", s1, s2);
  printf("%d: %s %s\n", r, s1, s2);
  r = sscanf("-0x1A +077 -12", "%x %o %u", &a, &b, &u);
  printf("%d: %d %d %u\n", r, a, b, u);
  r = sscanf("3.14159265358979323846", "%lf", &d);
  printf("%d: %.17g\n", r, d);
  r = sscanf("0.1 .5 5. 1e-400", "%lf %lf %lf %lf", &d, &e, &d, &e);
  printf("%d: %g %g\n", r, d, e);
  return 0;
}
