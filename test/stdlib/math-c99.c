// RUN: %python %S/Inputs/compare.py %minicc %t %s | FileCheck %s
// REQUIRES: gcc
// The rest of C99 math.h (math_c99.mc): fpclassify/isnormal on float and double, remainder,
// remquo, isgreater and friends, nextafter, ilogb/logb, asinh/acosh/atanh, erf/erfc, tgamma,
// lgamma, the float forms: the same output as glibc.
// CHECK: math-c99.c: 18 lines, identical on {{[0-9]}} runners and gcc
#include <stdio.h>
#include <math.h>
int main(void) {
  double xs[] = {0.0, -0.0, 1.0, 1e-310, 1.0 / 0.0, 0.0 / 0.0, -2.5};
  for (int i = 0; i < 7; i++) printf("%d%d ", fpclassify(xs[i]), isnormal(xs[i]));
  printf("%d %d\n", fpclassify(1e-40f), fpclassify(1e-40));
  printf("%g %g %g %g %g\n", remainder(7, 2), remainder(5, 2), remainder(-5, 2), remainder(10, 3), remainder(5.5, 1));
  int q; double r = remquo(10, 3, &q); printf("%g %d\n", r, q);
  printf("%d %d %d\n", isgreater(1.0, 2.0), isless(1.0, 2.0), isunordered(NAN, 1.0));
  printf("%.17g %.17g\n", nextafter(1.0, 2.0), nextafter(1.0, 0.0));
  printf("%d %g %d\n", ilogb(1000.0), logb(0.1), ilogb(1.0));
  printf("%.10f %.10f %.10f\n", asinh(1.5), acosh(2.5), atanh(0.5));
  printf("%.10f %.10f %.10f %.10f\n", erf(0.5), erf(1.5), erf(3.0), erfc(2.0));
  printf("%.6e %.10f\n", erfc(5.0), erf(-0.25));
  printf("%g %g %.10f %.10f\n", tgamma(5), tgamma(10), tgamma(0.5), tgamma(4.5));
  printf("%.10f %.10f %.10f\n", lgamma(10), lgamma(0.5), lgamma(100));
  printf("%g %g %g %g\n", roundf(2.5f), roundf(-3.5f), fmodf(7.5f, 2), fminf(1, 2));
  printf("%g %g %g\n", fma(2, 3, 4), hypotf(3, 4), cbrtf(-27));
  printf("%g %g %g\n", log2f(8), log10f(1000), exp2f(3));
  float ip; float fr = modff(2.75f, &ip); printf("%g %g\n", fr, ip);
  printf("%.6f %.6f\n", M_PI_2, M_SQRT1_2);
  printf("%d\n", isnan(nan("")));
  printf("%lld\n", llrint(2.5));
  return 0;
}
