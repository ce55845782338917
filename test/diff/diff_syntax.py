#!/usr/bin/env python3
"""Differential syntax check: minicc -fsyntax-only against clang-14 -fsyntax-only -std=c99
--target=wasm32-wasi on every program in the given directories. Programs under a `valid/`
folder must be accepted by both, those under `invalid/` rejected by both with the first error
on the same line. Prints one summary line per folder kind and each disagreement.

usage: diff_syntax.py MINICC DIR...
"""
import concurrent.futures
import os
import re
import subprocess
import sys

ERR = re.compile(r"^(.*?):(\d+):(\d+): (?:fatal )?error: (.*)$", re.M)


def check(minicc, path):
    def run(cmd):
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=60)
        m = ERR.search(p.stderr)
        return p.returncode == 0, (int(m.group(2)) if m else None), (m.group(4) if m else "")
    c = run(["clang-14", "-fsyntax-only", "-std=c99", "--target=wasm32-wasi", "-x", "c", path])
    m = run([minicc, "-fsyntax-only", path])
    return path, c, m


def main():
    minicc, dirs = sys.argv[1], sys.argv[2:]
    files = []
    for d in dirs:
        for root, _, names in os.walk(d):
            for n in sorted(names):
                if n.endswith((".c", ".mc")):
                    files.append(os.path.join(root, n))
    stats = {"valid": [0, 0], "invalid": [0, 0]}
    failures = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for path, (c_ok, c_line, c_msg), (m_ok, m_line, m_msg) in pool.map(
                lambda f: check(minicc, f), files):
            kind = "invalid" if os.sep + "invalid" + os.sep in path else "valid"
            agree = c_ok == m_ok and (c_ok or c_line == m_line)
            expected = c_ok == (kind == "valid")
            stats[kind][0] += 1
            if agree and expected:
                stats[kind][1] += 1
                continue
            failures += 1
            why = "clang does not %s it" % ("accept" if kind == "valid" else "reject")
            if not agree:
                why = "clang %s (line %s: %s), minicc %s (line %s: %s)" % (
                    "accepts" if c_ok else "rejects", c_line, c_msg,
                    "accepts" if m_ok else "rejects", m_line, m_msg)
            print("DISAGREE %s: %s" % (path, why))
    for kind in ("valid", "invalid"):
        total, ok = stats[kind]
        print("%s programs: %d, agreeing: %d" % (kind, total, ok))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
