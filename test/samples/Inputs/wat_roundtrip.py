#!/usr/bin/env python3
"""`minicc -S` writes WAT that assembles back to minicc's own binary: for each sample at -O0
and -O1, the WAT from `minicc -S` goes through `mwasm wat2wasm` (and wabt's `wat2wasm` when
installed) and must give the same bytes as `minicc -o` once custom sections (the name section,
which neither assembler writes by default) are dropped.

usage: wat_roundtrip.py MINICC MWASM WORKDIR SAMPLE.mc...
"""
import os
import shutil
import subprocess
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def without_custom(b):
    out, i = bytearray(b[:8]), 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        if sid != 0:
            out += b[i:j + size]
        i = j + size
    return bytes(out)


def main():
    minicc, mwasm, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    wabt = shutil.which("wat2wasm")
    checked = same = 0
    for src in sys.argv[4:]:
        for opt in ("-O0", "-O1"):
            base = os.path.join(work, os.path.basename(src)[:-3] + opt)
            subprocess.run([minicc, opt, src, "-o", base + ".wasm"], check=True,
                           stdout=subprocess.DEVNULL)
            subprocess.run([minicc, opt, "-S", src, "-o", base + ".wat"], check=True)
            want = without_custom(open(base + ".wasm", "rb").read())
            tools = [("mwasm", [mwasm, "wat2wasm", base + ".wat", "-o", base + ".m.wasm"])]
            if wabt:
                tools.append(("wabt", [wabt, base + ".wat", "-o", base + ".w.wasm"]))
            for name, cmd in tools:
                checked += 1
                subprocess.run(cmd, check=True)
                got = without_custom(open(cmd[-1], "rb").read())
                if got == want:
                    same += 1
                else:
                    print(f"DIFFERENT {os.path.basename(src)} {opt} through {name}")
    print(f"wat round trip: {checked} assemblies, {same} identical")


main()
