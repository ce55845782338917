#!/usr/bin/env python3
"""Layout differential test: sizeof, _Alignof and offsetof of generated types (scalars,
pointers, arrays, enums, structs and unions with nested records, arrays, bit-fields and
flexible array members) as minicc computes them, against clang-14's answers for wasm32.

clang-14 compiles a probe that stores every value in one array (read back from the LLVM IR);
the answers become `_Static_assert`s that minicc -fsyntax-only must accept (clang accepts them
too, as a check of the probe). A wrong size, alignment or offset makes minicc report the failed
assertion, which names the type and the member.

usage: layout_vs_clang.py MINICC OUT_DIR N_TYPES
"""
import os
import random
import re
import subprocess
import sys

SCALARS = ["char", "signed char", "unsigned char", "short", "unsigned short", "int",
           "unsigned", "long", "unsigned long", "long long", "unsigned long long", "float",
           "double", "_Bool", "void *", "char *", "int (*)(int)", "enum E"]
BITFIELD_TYPES = [("char", 8), ("unsigned char", 8), ("short", 16), ("unsigned short", 16),
                  ("int", 32), ("unsigned", 32), ("long long", 64), ("unsigned long long", 64),
                  ("_Bool", 1)]


def member_decl(ty, name, suffix=""):
    """`ty name suffix;` for a type written as in SCALARS (function pointers need care)."""
    if "(*)" in ty:
        return ty.replace("(*)", "(*%s%s)" % (name, suffix)) + ";"
    return "%s %s%s;" % (ty, name, suffix)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.defs = []     # record definitions, in order
        self.records = []  # (tag text, [offsetof designators])
        self.count = 0

    def record(self, depth=0):
        rng = self.rng
        kind = rng.choice(["struct", "struct", "struct", "union"])
        self.count += 1
        tag = "%s R%d" % (kind, self.count)
        lines, designators = [], []
        n = rng.randint(1, 6)
        for i in range(n):
            name = "m%d" % i
            r = rng.random()
            if r < 0.45:
                lines.append(member_decl(rng.choice(SCALARS), name))
                designators.append(name)
            elif r < 0.6:
                dims = "".join("[%d]" % rng.randint(1, 5) for _ in range(rng.randint(1, 2)))
                lines.append(member_decl(rng.choice(SCALARS), name, dims))
                designators.append(name)
                designators.append(name + "[%d]" % 0)
            elif r < 0.8:
                ty, width = rng.choice(BITFIELD_TYPES)
                w = rng.randint(0 if i > 0 else 1, width)
                if w == 0:
                    lines.append("%s : 0;" % ty)
                elif rng.random() < 0.2:
                    lines.append("%s : %d;" % (ty, w))
                else:
                    lines.append("%s %s : %d;" % (ty, name, w))
            elif depth < 2:
                inner, inner_des = self.record(depth + 1)
                arr = "[%d]" % rng.randint(1, 3) if rng.random() < 0.3 else ""
                lines.append("%s %s%s;" % (inner, name, arr))
                designators.append(name)
                for d in inner_des[:2]:
                    designators.append("%s%s.%s" % (name, "[0]" if arr else "", d))
            else:
                lines.append(member_decl(rng.choice(SCALARS), name))
                designators.append(name)
        if not designators:  # at least one named, addressable member
            lines.append("int last;")
            designators.append("last")
        if kind == "struct" and depth == 0 and rng.random() < 0.2:  # C99: only outermost
            lines.append(member_decl(rng.choice(SCALARS[:13]), "flex", "[]"))
            designators.append("flex")
        self.defs.append("%s { %s };" % (tag, " ".join(lines)))
        return tag, designators

    def types(self, n):
        """n (type text, [designators]) pairs: a quarter scalars/arrays, the rest records."""
        rng = self.rng
        out = [(t, []) for t in SCALARS]
        while len(out) < n:
            r = rng.random()
            if r < 0.15:
                dims = "".join("[%d]" % rng.randint(1, 6) for _ in range(rng.randint(1, 3)))
                out.append((rng.choice(SCALARS[:14]) + dims, []))
            else:
                tag, des = self.record()
                out.append((tag, des))
        return out[:n]


def main():
    minicc, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    g = Gen(20261125)
    types = g.types(n)
    head = ["#include <stddef.h>", "enum E { E_A = 1, E_B = 1000 };"] + g.defs
    typedefs = []
    exprs = []  # (C expression, description)
    for i, (ty, des) in enumerate(types):
        if "(*)" in ty:
            typedefs.append("typedef " + ty.replace("(*)", "(*T%d)" % i) + ";")
        else:
            m = re.match(r"^(.*?)((\[\d+\])*)$", ty)
            typedefs.append("typedef %s T%d%s;" % (m.group(1), i, m.group(2)))
        exprs.append(("sizeof(T%d)" % i, "sizeof(%s)" % ty))
        exprs.append(("_Alignof(T%d)" % i, "_Alignof(%s)" % ty))
        for d in des:
            exprs.append(("offsetof(T%d, %s)" % (i, d), "offsetof(%s, %s)" % (ty, d)))
    probe = os.path.join(out, "probe.c")
    with open(probe, "w") as f:
        f.write("\n".join(head + typedefs) + "\n")
        f.write("unsigned probe_values[] = {\n%s\n};\n" % ",\n".join(e for e, _ in exprs))
    ir = subprocess.run(["clang-14", "--target=wasm32-wasi", "-std=c99", "-S", "-emit-llvm",
                         "-o", "-", probe], stdout=subprocess.PIPE, text=True, check=True).stdout
    line = next(l for l in ir.splitlines() if l.startswith("@probe_values"))
    values = [int(v) for v in re.findall(r"i32 (\d+)", line.split("] [", 1)[1])]
    if len(values) != len(exprs):
        sys.exit("layout: could not read %d values from clang's IR" % len(exprs))
    check = os.path.join(out, "check.c")
    with open(check, "w") as f:
        f.write("\n".join(head + typedefs) + "\n")
        for (e, desc), v in zip(exprs, values):
            f.write('_Static_assert(%s == %d, "%s == %d");\n' % (e, v, desc, v))
    for cmd in (["clang-14", "--target=wasm32-wasi", "-std=c99", "-fsyntax-only", check],
                [minicc, "-fsyntax-only", check]):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            sys.stdout.write(p.stdout)
            print("layout: %s rejects %s" % (os.path.basename(cmd[0]), check))
            return 1
    kinds = {"sizeof": 0, "_Alignof": 0, "offsetof": 0}
    for e, _ in exprs:
        kinds[e.split("(")[0]] += 1
    records = sum(1 for t, _ in types if t.startswith(("struct", "union")))
    print("layout: %d types (%d structs/unions), %d sizeof, %d _Alignof, %d offsetof agree "
          "with clang-14" % (len(types), records, kinds["sizeof"], kinds["_Alignof"],
                             kinds["offsetof"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
