#!/usr/bin/env python3
"""Generates a C program for the long double library: printf %Lf/%Le/%Lg/%La with random
flags, widths and precisions, strtold of decimal and hex strings (bits and end offset), and
fmodl, floorl, ceill, truncl, roundl, rintl, ldexpl, frexpl, modfl on deterministic
binary128 operands. Built natively by gcc, long double is __float128 and the functions are
libquadmath's (quadmath_snprintf with Q, strtoflt128, sqrtq, ...): the reference. NaNs print as
"nan" for the bit results (payloads may differ). sqrtl is not here: libquadmath's sqrtq is a
Newton step from the 80-bit sqrtl, not correctly rounded (check_sqrtl.py checks ours exactly).

usage: gen_ldouble_lib.py SEED COUNT OUT.c
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_ldouble import operand, pack, BIAS  # noqa: E402

HEADER = r"""// GCC-FLAGS: -lquadmath
#include <stdio.h>
#include <stdlib.h>
#ifdef __x86_64__
#include <quadmath.h>
typedef __float128 LD;
#define fmodl fmodq
#define floorl floorq
#define ceill ceilq
#define truncl truncq
#define roundl roundq
#define rintl rintq
#define ldexpl ldexpq
#define frexpl frexpq
#define modfl modfq
#define strtold strtoflt128
static void show(const char *fl, const char *fq, LD x) {
  char buf[12000];
  quadmath_snprintf(buf, sizeof buf, fq, x);
  printf("[%s]", buf);
  (void)fl;
}
#else
#include <math.h>
typedef long double LD;
static void show(const char *fl, const char *fq, LD x) {
  printf("[");
  printf(fl, x);
  printf("]");
  (void)fq;
}
#endif
typedef unsigned long long u64;
union U { LD f; u64 w[2]; };
static LD mk(u64 lo, u64 hi) { union U u; u.w[0] = lo; u.w[1] = hi; return u.f; }
static void pr(LD x) {
  union U u;
  u.f = x;
  if (x != x) printf(" nan"); else printf(" %016llx%016llx", u.w[1], u.w[0]);
}
"""


def fmt(rng):
    flags = "".join(f for f in "-+ #0" if rng.randrange(6) == 0)
    width = str(rng.randrange(1, 50)) if rng.randrange(4) == 0 else ""
    r = rng.randrange(10)
    prec = "" if r < 3 else "." + str(rng.choice([0, 1, 2, 5, 10, 20, 33, 36, 40, 60]))
    conv = rng.choice("fFeEgGaA" if prec == "" or rng.randrange(3) else "feg")
    if conv in "fF" and prec == "" and rng.randrange(2):
        prec = ".3"
    return f"%{flags}{width}{prec}L{conv}", f"%{flags}{width}{prec}Q{conv}"


def decimal_string(rng):
    k = rng.randrange(6)
    if k == 0:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(1, 45)))
        e = rng.randrange(-4990, 4940)
        return f"{digits[0]}.{digits[1:]}e{e}"
    if k == 1:
        return str(rng.randrange(0, 10**rng.randrange(1, 40))) + "." + str(rng.randrange(10**6))
    if k == 2:
        return rng.choice(["inf", "-Infinity", "nan", "1e5000", "-1e-5000", "0x1.8p3",
                           "0x.0000000000000000000000000001p-16382", "  +12.5xyz", "1e",
                           "0.0", "-0", "6.47517511943802511092443895822764655e-4966",
                           "1.18973149535723176508575932662800702e4932", "3.24e-4966",
                           "1.18973149535723176508575932662800703e4932"])
    if k == 3:
        frac = "".join(rng.choice("0123456789abcdef") for _ in range(rng.randrange(1, 35)))
        return f"0x{rng.choice('01')}.{frac}p{rng.randrange(-16500, 16400)}"
    if k == 4:  # halfway-ish: many digits around 1
        return "1." + "".join(rng.choice("09") for _ in range(rng.randrange(30, 60)))
    return f"{rng.randrange(1, 10)}.{rng.randrange(10**20)}e{rng.randrange(-60, 60)}"


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    lines = []
    for i in range(count):
        a = operand(rng)
        b = operand(rng, near=a)
        if rng.randrange(3) == 0:  # moderate values print interestingly with %f
            a = pack(rng.randrange(2), BIAS + rng.randrange(-30, 60), rng.getrandbits(112))
        fl, fq = fmt(rng)
        s = decimal_string(rng)
        n = rng.randrange(-200, 200)
        lines.append(f'  {{0x{a[0]:x}ULL, 0x{a[1]:x}ULL, 0x{b[0]:x}ULL, 0x{b[1]:x}ULL, '
                     f'"{fl}", "{fq}", {n}, "{s}"}},')
    with open(out, "w") as f:
        f.write(HEADER)
        f.write(r"""static void lib(LD a, LD b, int n, const char *s) {
  LD ip;
  int e = 0;
  char *end;
  LD r = strtold(s, &end);
  pr(r);
  printf(" %d", (int)(end - s));
  pr(fmodl(a, b));
  pr(floorl(a));
  pr(ceill(a));
  pr(truncl(a));
  pr(roundl(a));
  pr(rintl(a));
  pr(ldexpl(a, n));
  pr(frexpl(a, &e));
  printf(" %d", e);
  pr(modfl(a, &ip));
  pr(ip);
  printf("\n");
}
struct row { u64 a0, a1, b0, b1; const char *fl, *fq; int n; const char *s; };
static const struct row rows[] = {
""")
        f.write("\n".join(lines))
        f.write("""
};
int main(void) {
  for (int i = 0; i < (int)(sizeof rows / sizeof rows[0]); i++) {
    const struct row *r = &rows[i];
    printf("%d", i);
    show(r->fl, r->fq, mk(r->a0, r->a1));
    lib(mk(r->a0, r->a1), mk(r->b0, r->b1), r->n, r->s);
  }
  return 0;
}
""")


if __name__ == "__main__":
    main()
