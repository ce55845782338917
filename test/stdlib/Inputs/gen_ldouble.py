#!/usr/bin/env python3
"""Generates a C program that runs binary128 operations on deterministic operands and prints
every result's bits: + - * / (which call __addtf3 ... in minicc's stdlib), the six comparisons,
conversions to and from double, float, int, unsigned, long long and unsigned long long. Built
natively by gcc, `long double` is replaced by __float128 (libgcc's soft-float: the reference);
under minicc it is the stdlib's ldouble.mc. NaN results print as "nan" (payloads may differ).

usage: gen_ldouble.py SEED COUNT OUT.c
"""
import random
import sys

BIAS = 16383


def pack(sign, exp, frac):
    hi = (sign << 63) | (exp << 48) | (frac >> 64)
    return frac & (2**64 - 1), hi


def from_int(v):
    if v == 0:
        return pack(0, 0, 0)
    s = 1 if v < 0 else 0
    v = abs(v)
    n = v.bit_length() - 1
    return pack(s, BIAS + n, (v << (112 - n)) & (2**112 - 1))


def operand(rng, near=None):
    k = rng.randrange(14)
    s = rng.randrange(2)
    frac = rng.getrandbits(112)
    if k == 0:
        return pack(s, rng.randrange(1, 0x7FFF), frac)  # anywhere
    if k == 1:
        return pack(s, 0, frac >> rng.randrange(112))  # subnormal
    if k == 2:
        return rng.choice([pack(s, 0, 0), pack(s, 0x7FFF, 0), pack(0, 0x7FFF, 1 << 111),
                           pack(s, 0, 1), pack(s, 1, 0), pack(s, 0x7FFE, 2**112 - 1),
                           pack(s, 0, 2**112 - 1), pack(s, BIAS, 0)])
    if k == 3:
        return from_int(rng.randrange(-2**70, 2**70) >> rng.randrange(70))
    if k == 4:  # few mantissa bits: exact products, ties
        return pack(s, BIAS + rng.randrange(-40, 40), (rng.getrandbits(8) << 104))
    if k == 5:
        return pack(s, rng.randrange(1, 200), frac)  # tiny normal
    if k == 6:
        return pack(s, rng.randrange(0x7FFF - 200, 0x7FFF), frac)  # huge
    if near is not None and k in (7, 8, 9):
        lo, hi = near
        e = (hi >> 48) & 0x7FFF
        f = ((hi & (2**48 - 1)) << 64) | lo
        if k == 7:  # cancellation
            return pack(rng.randrange(2), e, f ^ rng.getrandbits(rng.randrange(1, 20)))
        if k == 8:  # exponent difference around the precision: halfway cases
            d = rng.randrange(100, 120)
            return pack(rng.randrange(2), max(0, e - d), rng.choice([0, frac, 2**112 - 1]))
        return pack(rng.randrange(2), min(0x7FFE, max(0, BIAS * 2 - e + rng.randrange(-3, 4))),
                    frac)  # products near 1, quotients near the limits
    if k in (10, 11):
        return pack(s, BIAS + rng.randrange(-70, 70), frac)  # moderate values
    if k == 12:  # in int ranges, often exactly integral
        v = rng.randrange(-2**64, 2**64) >> rng.randrange(64)
        return from_int(v) if rng.randrange(2) else pack(s, BIAS + rng.randrange(0, 65), frac)
    return pack(s, BIAS + rng.randrange(-1100, 1100), frac)  # double's range and beyond


def main():
    seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        a = operand(rng)
        b = operand(rng, near=a)
        x = rng.getrandbits(64)
        if rng.randrange(4) == 0:  # double/float subnormals, specials
            x = rng.choice([0, 1, 0x7FF0000000000000, 0x000FFFFFFFFFFFFF, 0x8000000000000000,
                            0x7FF8000000000000, rng.getrandbits(52), 0x7F800000, 0x00000001,
                            0x007FFFFF, rng.getrandbits(23)])
        rows.append((a[0], a[1], b[0], b[1], x))
    with open(out, "w") as f:
        f.write("""#include <stdio.h>
#ifdef __x86_64__
typedef __float128 LD;
#else
typedef long double LD;
#endif
typedef unsigned long long u64;
union U { LD f; u64 w[2]; };
union D { double f; u64 u; };
union F { float f; unsigned int u; };
static LD mk(u64 lo, u64 hi) { union U u; u.w[0] = lo; u.w[1] = hi; return u.f; }
static void pr(LD x) {
  union U u;
  u.f = x;
  if (x != x) printf(" nan"); else printf(" %016llx%016llx", u.w[1], u.w[0]);
}
static void prd(double x) {
  union D u;
  u.f = x;
  if (x != x) printf(" nan"); else printf(" %016llx", u.u);
}
static void prf(float x) {
  union F u;
  u.f = x;
  if (x != x) printf(" nan"); else printf(" %08x", u.u);
}
""")
        f.write(f"static const u64 in[{count}][5] = {{\n")
        for r in rows:
            f.write("  {" + ", ".join(f"0x{v:016x}ULL" for v in r) + "},\n")
        f.write("};\n")
        f.write("""int main(void) {
  for (int i = 0; i < %d; i++) {
    LD a = mk(in[i][0], in[i][1]), b = mk(in[i][2], in[i][3]);
    u64 x = in[i][4];
    union D d;
    union F fl;
    d.u = x;
    fl.u = (unsigned int)x;
    printf("%%d", i);
    pr(a + b);
    pr(a - b);
    pr(a * b);
    pr(a / b);
    printf(" %%d%%d%%d%%d%%d%%d", a < b, a <= b, a > b, a >= b, a == b, a != b);
    prd((double)a);
    prf((float)b);
    pr((LD)d.f);
    pr((LD)fl.f);
    if (a > -2147483649.0 && a < 2147483648.0) printf(" %%d", (int)a); else printf(" -");
    if (a > -1.0 && a < 4294967296.0) printf(" %%u", (unsigned)a); else printf(" -");
    if (a >= -9223372036854775808.0 && a < 9223372036854775808.0) printf(" %%lld", (long long)a);
    else printf(" -");
    if (a > -1.0 && a < 18446744073709551616.0) printf(" %%llu", (unsigned long long)a);
    else printf(" -");
    pr((LD)(int)x);
    pr((LD)(unsigned)(x >> 7));
    pr((LD)(long long)x);
    pr((LD)(x >> (x & 63)));
    printf("\\n");
  }
  return 0;
}
""" % count)


if __name__ == "__main__":
    main()
