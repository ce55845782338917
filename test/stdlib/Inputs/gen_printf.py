#!/usr/bin/env python3
"""Writes a C program with N deterministic printf cases (seeded): integer, string, char,
pointer and floating-point conversions with random flags, widths, precisions and length
modifiers, plus snprintf truncation and return values. Each case prints one line
`<index>: [<output>] <return value>`; the same program is built with minicc and with
gcc+glibc and the outputs compared.

Values are passed in ways that mean the same on wasm32 (ILP32) and x86_64 (LP64): `l` and `z`
values fit in 32 bits (unsigned ones are non-negative), doubles come from their bit patterns.

usage: gen_printf.py SEED N OUT.c
"""
import random
import struct
import sys

seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)


def flags():
    return "".join(rng.sample("-+ #0", rng.randint(0, 3)))


def width():
    r = rng.random()
    if r < 0.4:
        return ""
    if r < 0.5:
        return "*"
    return str(rng.randint(1, 30))


def prec(maxp=20):
    r = rng.random()
    if r < 0.35:
        return ""
    if r < 0.42:
        return ".*"
    if r < 0.5:
        return "."
    return "." + str(rng.randint(0, maxp))


def interesting_doubles():
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 9.5, 10.5, 99.5,
            0.05, 0.15, 0.25, 0.35, 0.45, 1e-5, 1e-4, 123456.5, 999999.5, 9999995.0, 0.000123456,
            1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e100, 1e300, 1.7976931348623157e308,
            2.2250738585072014e-308, 5e-324, 1e-310, 3.141592653589793, 2.718281828459045,
            1.0 / 3.0, 2.0 / 3.0, 100.0, 1234.5678, 0.1, 0.2, 0.3, 0.7, 123.456, 4.35, 8.675,
            1.005, 2.675, 1e-7, 9.9999e-5, 99999.95, 0.99999, 0.999999, 0.9999995,
            float("inf"), float("-inf"), float("nan"), 4503599627370496.5, 9007199254740993.0,
            18446744073709551616.0, 0.5e-6, 65536.0, 1048576.25]
    return vals


def random_double():
    r = rng.random()
    if r < 0.25:
        return rng.choice(interesting_doubles())
    if r < 0.5:  # random bits, any exponent
        bits = rng.getrandbits(64)
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    if r < 0.75:  # moderate magnitudes
        return rng.uniform(-1, 1) * 10 ** rng.randint(-12, 20)
    # short decimals, where ties and near-ties appear
    digits = rng.randint(1, 6)
    v = rng.randint(0, 10 ** digits) / 10 ** rng.randint(0, digits + 2)
    return -v if rng.random() < 0.3 else v


def dbits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


cases = []  # (kind, fmt, value-expression, stars)
INT_VALUES = [0, 1, -1, 7, -7, 42, 255, 256, -128, 127, 32767, -32768, 65535, 65536,
              2147483647, -2147483648, 123456789, -987654321, 1000000]
LL_VALUES = [0, 1, -1, 9223372036854775807, -9223372036854775808, 1 << 40, -(1 << 33),
             123456789012345, 18446744073709551615]
STRINGS = ["", "a", "hello", "Hello, World!", "tab\\tx", "0123456789abcdefghij"]

while len(cases) < n:
    r = rng.random()
    f = flags()
    w = width()
    stars = []
    if w == "*":
        stars.append(str(rng.randint(-25, 25)))
    if r < 0.45:
        p = prec(12 if rng.random() < 0.7 else 60)
        if p == ".*":
            stars.append(str(rng.randint(-3, 25)))
        conv = rng.choice("feEgGfgeaA" if rng.random() < 0.1 else "feEgGFfge")
        v = random_double()
        cases.append(("d", f"%{f}{w}{p}{conv}", f"0x{dbits(v):016x}ULL", stars))
    elif r < 0.75:
        p = prec(15)
        if p == ".*":
            stars.append(str(rng.randint(-3, 20)))
        conv = rng.choice("diuxXo")
        length = rng.choice(["", "", "hh", "h", "l", "ll", "z"])
        if length == "ll":
            v = rng.choice(LL_VALUES + [rng.getrandbits(64) - (1 << 63)])
            v = v & (2 ** 64 - 1) if conv not in "di" else (v if -2**63 <= v < 2**63 else v - 2**64)
            cases.append(("ll", f"%{f}{w}{p}{length}{conv}", f"{v}LL" if v >= 0 else f"({v + 1}LL - 1)" if v == -2**63 else f"{v}LL", stars))
            if conv not in "di":
                cases[-1] = ("ull", cases[-1][1], f"{v & (2**64 - 1)}ULL", stars)
        else:
            v = rng.choice(INT_VALUES + [rng.getrandbits(32) - (1 << 31), rng.randint(-1000, 1000)])
            if length in ("l", "z") and conv not in "di":
                v = abs(v) & 0x7FFFFFFF
            kind = {"": "i", "hh": "i", "h": "i", "l": "l", "z": "z"}[length]
            if length == "z" and conv in "di":
                length, kind = "", "i"
            expr = f"{v}" if v != -2147483648 else "(-2147483647 - 1)"
            cases.append((kind, f"%{f}{w}{p}{length}{conv}", expr, stars))
    elif r < 0.85:
        p = prec(10)
        if p == ".*":
            stars.append(str(rng.randint(-3, 12)))
        f = f.replace("0", "").replace("#", "").replace("+", "").replace(" ", "")
        s = rng.choice(STRINGS)
        cases.append(("s", f"%{f}{w}{p}s", f'"{s}"', stars))
    elif r < 0.9:
        f = f.replace("0", "").replace("#", "").replace("+", "").replace(" ", "")
        c = rng.choice("aZ0 ~%")
        cases.append(("c", f"%{f}{w}c", f"'{c}'", stars))
    elif r < 0.95:
        # mixed formats with text around them
        v = random_double()
        cases.append(("mix", "x=%d, y=%.3f, s=%s, %%, z=%5.2e|", f"0x{dbits(v):016x}ULL", []))
    else:
        f2 = f.replace("#", "")
        cases.append(("p", f"%{f2.replace('0', '').replace('+', '').replace(' ', '')}{w}p", "0", stars))

with open(out, "w") as o:
    o.write("#include <stdio.h>\n#include <string.h>\n\n")
    o.write("static double D(unsigned long long b) { double d; memcpy(&d, &b, 8); return d; }\n\n")
    o.write("static char buf[512];\n")
    o.write("static void show(int i, int r) { printf(\"%d: [%s] %d\\n\", i, buf, r); }\n\n")
    per = 100
    funcs = []
    for start in range(0, len(cases), per):
        name = f"cases{start // per}"
        funcs.append(name)
        o.write(f"static void {name}(void) {{\n  int r;\n")
        for i in range(start, min(start + per, len(cases))):
            kind, fmt, val, stars = cases[i]
            pre = "".join(s + ", " for s in stars)
            cfmt = fmt.replace("%", "%")
            if kind == "d":
                arg = f"D({val})"
            elif kind == "i":
                arg = val
            elif kind == "l":
                arg = f"(long){val}" if "u" not in fmt and "x" not in fmt.lower() and "o" not in fmt else f"(unsigned long){val}"
            elif kind == "z":
                arg = f"(size_t){val}"
            elif kind == "ll":
                arg = f"(long long){val}"
            elif kind == "ull":
                arg = f"(unsigned long long){val}"
            elif kind == "s" or kind == "c":
                arg = val
            elif kind == "p":
                arg = "(void *)0"
            elif kind == "mix":
                arg = f"{i * 37 - 500}, D({val}), \"str\", D({val})"
            # Alternate: sprintf, snprintf with a small buffer (truncation), printf directly.
            mode = i % 3
            if mode == 0:
                o.write(f"  r = sprintf(buf, \"{cfmt}\", {pre}{arg}); show({i}, r);\n")
            elif mode == 1:
                cap = (i * 7) % 40
                o.write(f"  memset(buf, 0, sizeof buf); r = snprintf(buf, {cap}, \"{cfmt}\", {pre}{arg}); show({i}, r);\n")
            else:
                o.write(f"  printf(\"{i}: [\"); r = printf(\"{cfmt}\", {pre}{arg}); printf(\"] %d\\n\", r);\n")
        o.write("}\n\n")
    o.write("int main(void) {\n")
    for f in funcs:
        o.write(f"  {f}();\n")
    o.write("  return 0;\n}\n")
