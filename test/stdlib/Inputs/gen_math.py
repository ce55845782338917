#!/usr/bin/env python3
"""Writes a C program that prints the bits of sin, cos, tan, exp, log, pow and atan2 (and the
instruction-backed sqrt/floor/ceil/trunc/fabs/fmin/fmax, fmod) on N deterministic (seeded)
inputs per function: random bit patterns over the whole exponent range, moderate ranges,
special values, and arguments near multiples of pi/2. Lines are `name index hexbits`.

usage: gen_math.py SEED N OUT.c
"""
import math
import random
import struct
import sys

seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)


def bits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def rand_bits(lo_exp, hi_exp, sign=True):
    e = rng.randint(lo_exp + 1023, hi_exp + 1023)
    u = (e << 52) | rng.getrandbits(52)
    if sign and rng.random() < 0.5:
        u |= 1 << 63
    return struct.unpack("<d", struct.pack("<Q", u))[0]


SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1.0, -1.0, 0.5, 2.0,
           5e-324, 1.7976931348623157e308, 2.2250738585072014e-308]


def gen(kind):
    r = rng.random()
    if r < 0.05:
        return rng.choice(SPECIAL)
    if kind == "trig":
        if r < 0.4:
            return rng.uniform(-10, 10)
        if r < 0.6:
            k = rng.randint(-100000, 100000)
            return k * math.pi / 2 + rng.uniform(-1e-6, 1e-6)
        return rand_bits(-30, 1023)
    if kind == "exp":
        return rng.uniform(-745, 709.7) if r < 0.8 else rng.uniform(-2, 2)
    if kind == "log":
        return abs(rand_bits(-1074 + 52, 1023)) if r < 0.6 else rng.uniform(0.5, 2)
    return rand_bits(-1000, 1000)


cases = {"sin": [], "cos": [], "tan": [], "exp": [], "log": [], "pow": [], "atan2": [],
         "sqrt": [], "floor": [], "ceil": [], "trunc": [], "fabs": [], "fmin": [], "fmax": [],
         "fmod": []}
for i in range(n):
    for f in ("sin", "cos", "tan"):
        cases[f].append((gen("trig"),))
    cases["exp"].append((gen("exp"),))
    cases["log"].append((gen("log"),))
    r = rng.random()
    if r < 0.6:
        x = abs(gen("log"))
        lx = math.log(x) if x > 0 and x != float("inf") else 1.0
        lim = 700 / abs(lx) if lx else 1e6
        y = rng.uniform(-lim, lim)
    elif r < 0.8:
        x = rng.uniform(-10, 10)
        y = float(rng.randint(-60, 60))
    else:
        x, y = rng.choice(SPECIAL + [rng.uniform(0, 3)]), rng.choice(SPECIAL + [rng.uniform(-3, 3), 3.0, -3.0, 0.5])
    cases["pow"].append((x, y))
    cases["atan2"].append((gen("any") if rng.random() < 0.5 else rng.uniform(-5, 5),
                           gen("any") if rng.random() < 0.5 else rng.uniform(-5, 5)))
    for f in ("sqrt", "floor", "ceil", "trunc", "fabs"):
        cases[f].append((gen("any") if rng.random() < 0.7 else rng.uniform(-100, 100),))
    for f in ("fmin", "fmax", "fmod"):
        cases[f].append((rng.choice(SPECIAL) if rng.random() < 0.2 else rng.uniform(-50, 50),
                         rng.choice(SPECIAL) if rng.random() < 0.2 else rng.uniform(-50, 50)))

with open(out, "w") as o:
    o.write("#include <math.h>\n#include <stdio.h>\n#include <string.h>\n\n")
    o.write("static double D(unsigned long long b) { double d; memcpy(&d, &b, 8); return d; }\n")
    o.write("static unsigned long long B(double d) { unsigned long long b; memcpy(&b, &d, 8); "
            "return b; }\n\n")
    for f, args in cases.items():
        arity = len(args[0])
        o.write(f"static const unsigned long long in_{f}[][{arity}] = {{\n")
        for a in args:
            o.write("  {" + ", ".join(f"0x{bits(v):016x}ULL" for v in a) + "},\n")
        o.write("};\n")
    o.write("\nint main(void) {\n")
    for f, args in cases.items():
        arity = len(args[0])
        call = f"{f}(D(in_{f}[i][0]))" if arity == 1 else f"{f}(D(in_{f}[i][0]), D(in_{f}[i][1]))"
        o.write(f"  for (int i = 0; i < {len(args)}; i++) printf(\"{f} %d %016llx\\n\", i, "
                f"B({call}));\n")
    o.write("  return 0;\n}\n")
