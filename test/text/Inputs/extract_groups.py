#!/usr/bin/env python3
"""Extracts the files of some feature groups of the top-level spec suite (GROUPS.md) with
wast2json --enable-all.

usage: extract_groups.py SUITE_DIR WORK_DIR GROUP...
"""
import os
import re
import subprocess
import sys


def group_files(suite, groups):
    files, current = [], None
    with open(os.path.join(suite, "GROUPS.md")) as f:
        for line in f:
            m = re.match(r"^## (\S+)", line)
            if m:
                current = m.group(1)
            elif current in groups and line.strip().endswith(".wast"):
                files += line.split()
    return files


def main():
    suite, work, groups = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    files = group_files(suite, groups)
    ok = 0
    for name in files:
        out = os.path.join(work, name[:-5] + ".json")
        p = subprocess.run(["wast2json", "--enable-all", os.path.join(suite, name), "-o", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ok += p.returncode == 0
    print(f"extract: {ok} of {len(files)} files converted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
