#!/usr/bin/env python3
"""Runs the program gen_math.py writes under minicc --run (and node, the same .wasm) and
natively with gcc+glibc (-lm), and compares each result in ulps (distance between the bit
patterns as ordered integers; NaN matches any NaN). Prints per function
`NAME: N inputs, I identical, max U ulp` and `math: all within 1 ulp` or the worst offenders.

usage: math_ulps.py MINICC WORKDIR FILE.c
"""
import os
import shutil
import subprocess
import sys

MINICC, WORK, SRC = (os.path.abspath(a) for a in sys.argv[1:4])
HERE = os.path.dirname(os.path.abspath(__file__))


def ordered(u):
    return (1 << 63) - (u & ((1 << 63) - 1)) if u >> 63 else (1 << 63) + u


def is_nan(u):
    return (u >> 52) & 0x7FF == 0x7FF and u & ((1 << 52) - 1)


def parse(text):
    res = {}
    for line in text.splitlines():
        name, i, b = line.split()
        res[(name, int(i))] = int(b, 16)
    return res


def main():
    os.makedirs(WORK, exist_ok=True)
    base = os.path.join(WORK, os.path.basename(SRC))
    subprocess.run(["gcc", "-O0", "-fno-builtin", SRC, "-lm", "-o", base + ".gcc"], check=True)
    ref = parse(subprocess.run([base + ".gcc"], capture_output=True, check=True, text=True).stdout)
    runs = {"minicc --run": [MINICC, "--run", SRC]}
    if shutil.which("node"):
        subprocess.run([MINICC, SRC, "-o", base + ".wasm"], check=True, capture_output=True)
        runs["node"] = ["node", os.path.join(HERE, "run-node.cjs"), base + ".wasm"]
    ok = True
    outputs = {}
    for rname, cmd in runs.items():
        outputs[rname] = subprocess.run(cmd, capture_output=True, text=True).stdout
    if "node" in outputs and outputs["node"] != outputs["minicc --run"]:
        print("node and minicc --run differ")
        ok = False
    got = parse(outputs["minicc --run"])
    stats = {}
    worst = []
    for key, want in ref.items():
        name = key[0]
        have = got.get(key)
        st = stats.setdefault(name, [0, 0, 0])
        st[0] += 1
        if have is None:
            ulps = 1 << 64
        elif is_nan(have) and is_nan(want):
            ulps = 0
        else:
            ulps = abs(ordered(have) - ordered(want))
        if ulps == 0:
            st[1] += 1
        st[2] = max(st[2], ulps)
        if ulps > 1:
            worst.append((ulps, key, have, want))
    for name, (n, same, mx) in stats.items():
        print(f"{name}: {n} inputs, {same} identical, max {mx} ulp")
    if worst or not ok:
        for ulps, key, have, want in sorted(worst, reverse=True)[:10]:
            print(f"  {key}: {ulps} ulps: {have:016x} vs glibc {want:016x}")
        print("math: NOT within 1 ulp")
        return 1
    print("math: all within 1 ulp")
    return 0


if __name__ == "__main__":
    sys.exit(main())
