#!/usr/bin/env python3
"""Code-section size of `minicc -O1` output against clang-14 for wasm32 over the exec programs
and samples (issue goal: minicc <= 1.3x clang). Both link the same stdlib sources; clang uses
the flags of the issue: --target=wasm32-wasi -O1 -nostdlib -Wl,--no-entry -Wl,--export-all.

usage: bench/codesize.py [BUILD_DIR]   (default: build)
"""
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build")
MINICC = os.path.join(BUILD, "bin", "minicc")
STDLIB = sorted(glob.glob(os.path.join(ROOT, "stdlib", "src", "*.mc")))
CRT = os.path.join(ROOT, "test", "exec", "Inputs", "clang-crt.c")


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def code_size(path):
    b = open(path, "rb").read()
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        if sid == 10:
            return size
        i = j + size
    return 0


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "test", "exec", "*.mc")) +
                   glob.glob(os.path.join(ROOT, "samples", "*.mc")))
    ours = theirs = 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            a, c = os.path.join(tmp, "a.wasm"), os.path.join(tmp, "c.wasm")
            r1 = subprocess.run([MINICC, "-O1", f, "-o", a], capture_output=True)
            r2 = subprocess.run(["clang-14", "--target=wasm32-wasi", "-O1", "-nostdlib", "-w",
                                 "-isystem", os.path.join(ROOT, "stdlib", "include"),
                                 "-Wl,--no-entry", "-Wl,--export-all", "-x", "c", f, *STDLIB,
                                 CRT, "-o", c], capture_output=True)
            if r1.returncode or r2.returncode:
                continue
            x, y = code_size(a), code_size(c)
            ours += x
            theirs += y
            rows.append((os.path.basename(f), x, y))
    for name, x, y in rows:
        print(f"{name:32} minicc {x:7} clang {y:7} ratio {x / y:.2f}")
    print(f"programs: {len(rows)}  code bytes: minicc {ours}, clang {theirs}  "
          f"ratio {ours / max(theirs, 1):.3f}")


if __name__ == "__main__":
    main()
