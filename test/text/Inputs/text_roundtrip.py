#!/usr/bin/env python3
"""Round trip of the printer over the modules of a spec test suite (extracted by wabt's
wast2json, see test/dump/Inputs/spec_checks.py extract).

usage: text_roundtrip.py --mwasm MWASM [--wat2wasm CMD] [--wabt-flags FLAGS] WORK_DIR

For every valid module (a `module` command with a .wasm file): the module is canonical when
wabt's own `wasm2wat | wat2wasm` gives its bytes back. Ours is `mwasm wasm2wat | ASSEMBLER`
(ASSEMBLER defaults to wabt's wat2wasm; `--wat2wasm "MWASM wat2wasm"` checks our own
assembler). Prints the counts; exits 1 if a canonical module does not come back identical or
if mwasm wasm2wat fails on a module.
"""
import concurrent.futures
import glob
import json
import os
import shlex
import subprocess
import sys

JOBS = 2  # the machines have two cores


def modules(work):
    for jf in sorted(glob.glob(os.path.join(work, "*.json"))):
        with open(jf) as f:
            data = json.load(f)
        for c in data["commands"]:
            if c["type"] == "module" and c.get("filename", "").endswith(".wasm"):
                yield os.path.join(work, c["filename"])


def assemble(cmd, text):
    """Runs an assembler on WAT text; returns the bytes or None."""
    with open(os.devnull, "wb") as null:
        p = subprocess.run(cmd + ["-", "-o", "/dev/stdout"], input=text, capture_output=True)
    return p.stdout if p.returncode == 0 else None


def check(path, mwasm, wat2wasm, wabt_flags):
    with open(path, "rb") as f:
        original = f.read()
    wabt_text = subprocess.run(["wasm2wat"] + wabt_flags + [path], capture_output=True)
    canonical = (wabt_text.returncode == 0 and
                 assemble(["wat2wasm"] + wabt_flags, wabt_text.stdout) == original)
    ours = subprocess.run([mwasm, "wasm2wat", path], capture_output=True)
    if ours.returncode != 0:
        return canonical, "print-error", ours.stderr.decode(errors="replace").strip()
    back = assemble(wat2wasm, ours.stdout)
    if back is None:
        return canonical, "assemble-error", ""
    return canonical, "identical" if back == original else "different", ""


def main():
    args = sys.argv[1:]
    mwasm = args[args.index("--mwasm") + 1]
    flags = []
    if "--wabt-flags" in args:
        flags = shlex.split(args[args.index("--wabt-flags") + 1])
    wat2wasm = ["wat2wasm"] + flags
    if "--wat2wasm" in args:
        wat2wasm = shlex.split(args[args.index("--wat2wasm") + 1])
    work = args[-1]
    paths = list(modules(work))
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        results = list(pool.map(lambda p: check(p, mwasm, wat2wasm, flags), paths))
    canonical = identical = identical_all = failed = 0
    for path, (canon, verdict, why) in zip(paths, results):
        if verdict == "print-error":
            print(f"wasm2wat failed: {os.path.basename(path)}: {why}")
            failed += 1
        if verdict == "identical":
            identical_all += 1
        if canon:
            canonical += 1
            if verdict == "identical":
                identical += 1
            else:
                print(f"not identical: {os.path.basename(path)}: {verdict}")
                failed += 1
    print(f"text-roundtrip: {len(paths)} modules, {canonical} canonical (wabt round trip), "
          f"{identical} of them identical through mwasm wasm2wat")
    print(f"text-roundtrip: {identical_all} of {len(paths)} identical in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
