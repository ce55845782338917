#!/usr/bin/env python3
"""sqrtl is correctly rounded: runs a program printing x and sqrtl(x) for 2,000 binary128
values (random bits, values near 1, subnormals) and checks each result exactly with rational
arithmetic: r is the rounding of sqrt(x) iff the midpoints to its neighbours bracket sqrt(x).

usage: check_sqrtl.py MINICC WORKDIR
"""
import os
import subprocess
import sys
from fractions import Fraction

PROGRAM = r"""
#include <math.h>
#include <stdio.h>
typedef unsigned long long u64;
union U { long double f; u64 w[2]; };
int main(void) {
  u64 s = 88172645463325252ULL;
  for (int i = 0; i < 2000; i++) {
    union U u, r;
    s ^= s << 13; s ^= s >> 7; s ^= s << 17; u.w[0] = s;
    s ^= s << 13; s ^= s >> 7; s ^= s << 17; u.w[1] = s & 0x7FFFFFFFFFFFFFFFULL;
    if (i % 3 == 0) u.w[1] = (u.w[1] & 0xFFFFFFFFFFFFULL) | ((u64)(16383 + i % 50 - 25) << 48);
    if (i % 7 == 0) u.w[1] &= 0xFFFFFFFFFFFFULL;
    if (i % 11 == 0) u.w[0] &= ~0xFFFFFFULL;
    r.f = sqrtl(u.f);
    printf("%016llx%016llx %016llx%016llx\n", u.w[1], u.w[0], r.w[1], r.w[0]);
  }
  return 0;
}
"""


def value(b):
    e, f = (b >> 112) & 0x7FFF, b & ((1 << 112) - 1)
    if e == 0:
        return Fraction(f, 1 << (16382 + 112))
    return Fraction(f + (1 << 112)) * Fraction(2) ** (e - 16383 - 112)


def main():
    minicc, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, "sqrtl.c")
    with open(src, "w") as f:
        f.write(PROGRAM)
    out = subprocess.run([minicc, "--run", src], capture_output=True, text=True, check=True)
    checked = bad = 0
    for line in out.stdout.splitlines():
        x, r = (int(t, 16) for t in line.split())
        if (x >> 112) >= 0x7FFF or (r >> 112) >= 0x7FFF:
            continue
        checked += 1
        X, R = value(x), value(r)
        lo = (value(r - 1) + R) / 2 if r > 0 else Fraction(0)
        hi = (value(r + 1) + R) / 2
        if not lo * lo <= X <= hi * hi:
            bad += 1
            print(f"not correctly rounded: sqrtl({x:032x}) = {r:032x}")
    print(f"sqrtl: {checked} checked, {bad} not correctly rounded")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
