#!/usr/bin/env python3
"""Prints the constants of stdlib/src/math.mc (2/pi bits, pi/2, pi, ln2 splits, ln(c) and
atan(j/32) tables as double-double, Taylor coefficients), computed with mpmath at 1400 bits.
usage: python3 gen_math_tables.py > tables.inc (then pasted into math.mc)"""
from mpmath import mp, mpf, log, atan, pi, floor, factorial
mp.prec = 1400
def dd(v):
    hi = float(v)
    lo = float(v - mpf(hi))
    return hi, lo
def r(x): return repr(x)
out = []
# 2/pi bits: 48 words of 32 bits after the point
v = 2 / pi
words = []
for k in range(48):
    v *= 2**32
    w = int(floor(v))
    words.append(w)
    v -= w
out.append("static const unsigned int __twoopi[48] = {" + ", ".join("0x%08XU" % w for w in words) + "};")
h, l = dd(pi / 2); out.append(f"#define __PIO2_HI {r(h)}\n#define __PIO2_LO {r(l)}")
h, l = dd(pi); out.append(f"#define __PI_HI {r(h)}\n#define __PI_LO {r(l)}")
# ln2 split: hi with 32 significant bits
ln2 = log(2)
import math
m, e = math.frexp(float(ln2))
hi = math.ldexp(math.floor(m * 2**32) , e - 32)
lo = float(ln2 - mpf(hi))
out.append(f"#define __LN2_HI {r(hi)}\n#define __LN2_LO {r(lo)}\n#define __INV_LN2 {r(float(1/ln2))}")
h, l = dd(ln2); out.append(f"#define __LN2_DHI {r(h)}\n#define __LN2_DLO {r(l)}")
h, l = dd(1/log(10)); out.append(f"#define __INVLN10_HI {r(h)}\n#define __INVLN10_LO {r(l)}")
h, l = dd(1/ln2); out.append(f"#define __INVLN2_HI {r(h)}\n#define __INVLN2_LO {r(l)}")
# log table c_j = 0.6875 + j/128, j=0..96
his, los = [], []
for j in range(97):
    c = mpf(0.6875) + mpf(j) / 128
    h, l = dd(log(c)); his.append(r(h)); los.append(r(l))
out.append("static const double __lnc_hi[97] = {" + ", ".join(his) + "};")
out.append("static const double __lnc_lo[97] = {" + ", ".join(los) + "};")
his, los = [], []
for j in range(33):
    h, l = dd(atan(mpf(j) / 32)); his.append(r(h)); los.append(r(l))
out.append("static const double __atanc_hi[33] = {" + ", ".join(his) + "};")
out.append("static const double __atanc_lo[33] = {" + ", ".join(los) + "};")
print("\n".join(out))
S = [float(mpf((-1) ** ((n - 1) // 2)) / factorial(n)) for n in range(3, 27, 2)]
C = [float(mpf((-1) ** (n // 2)) / factorial(n)) for n in range(4, 28, 2)]
E = [float(1 / factorial(n)) for n in range(2, 17)]
print("__sinc:", ", ".join(repr(x) for x in S))
print("__cosc:", ", ".join(repr(x) for x in C))
print("__expc:", ", ".join(repr(x) for x in E))
