#!/usr/bin/env python3
"""Writes a C program that converts N deterministic (seeded) strings with strtod and prints,
per string, the result's bits (%a), where parsing stopped and whether errno is ERANGE:
random digit strings and exponents, exact halfway cases between neighbouring doubles (the
hardest rounding inputs, with up to 770 digits), boundaries (DBL_MAX, the overflow and
underflow thresholds, subnormals), hexadecimal floats, inf/nan spellings and malformed input.

usage: gen_strtod.py SEED N OUT.c
"""
import random
import struct
import sys
from decimal import Decimal, getcontext

getcontext().prec = 2000
seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)

FIXED = ["0", "-0", "1", "0.1", "1e23", "8.98846567431158e307", "1.7976931348623157e308",
         "1.7976931348623158e308", "1.7976931348623159e308", "2e308", "1e309", "4.9e-324",
         "2.4703282292062327e-324", "2.4703282292062328e-324", "3e-324", "1e-400",
         "2.2250738585072011e-308", "2.2250738585072014e-308", "inf", "-Infinity", "nan",
         "NaN(123)", "  +12.5xyz", "0x1.8p3", "0X1P-1074", "0x1.fffffffffffffp1023",
         "0x1.fffffffffffff8p1023", "0x.8p1", "0x", "0xg", ".", "-.5e", "1e+", "abc", "",
         "123456789012345678901234567890", "0.000000000000000000000000000001e30",
         "9007199254740993", "9007199254740992.5", "1.00000000000000011102230246251565404236316680908203125",
         "1.00000000000000011102230246251565404236316680908203124", "   -0.0e10", "5e-1", "1e-5"]


def double_from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def halfway(bits):
    """The exact decimal halfway point between the double with these bits and the next."""
    a = Decimal(double_from_bits(bits))
    b = Decimal(double_from_bits(bits + 1))
    return (a + b) / 2


strings = list(FIXED)
while len(strings) < n:
    r = rng.random()
    if r < 0.3:
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 25)))
        point = rng.randint(0, len(digits))
        s = digits[:point] + "." + digits[point:]
        if rng.random() < 0.7:
            s += "e" + str(rng.randint(-330, 310))
        strings.append(("-" if rng.random() < 0.2 else "") + s)
    elif r < 0.55:
        bits = rng.getrandbits(63)
        if (bits >> 52) == 0x7FF:
            continue
        h = halfway(bits)
        s = format(h, "f") if abs(h.adjusted()) < 30 else format(h, "e")
        # exactly halfway, or nudged just above/below in the last place
        k = rng.random()
        if k < 0.33 and "e" not in s:
            s = s + "0000001"
        elif k < 0.66 and "e" not in s and s[-1] != "0":
            s = s[:-1] + str(int(s[-1]) - 1) + "9999"
        strings.append(s)
    elif r < 0.75:
        v = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
        if v != v or v in (float("inf"),):
            continue
        strings.append(repr(v))
    elif r < 0.85:
        # subnormal and near-threshold values
        bits = rng.randint(0, 1 << 53)
        h = halfway(bits)
        strings.append(format(h, "e"))
    else:
        mant = rng.getrandbits(rng.randint(1, 64))
        strings.append("0x%xp%d" % (mant, rng.randint(-1100, 1000)))

with open(out, "w") as o:
    o.write("#include <stdio.h>\n#include <stdlib.h>\n#include <errno.h>\n\n")
    o.write("static const char *const cases[] = {\n")
    for s in strings[:n]:
        o.write('  "%s",\n' % s)
    o.write("};\n\n")
    o.write("int main(void) {\n")
    o.write("  for (int i = 0; i < (int)(sizeof cases / sizeof cases[0]); i++) {\n")
    o.write("    char *end;\n    errno = 0;\n")
    o.write("    double d = strtod(cases[i], &end);\n")
    o.write("    printf(\"%d: %a %d %d\\n\", i, d, (int)(end - cases[i]), errno == ERANGE);\n")
    o.write("  }\n  return 0;\n}\n")
