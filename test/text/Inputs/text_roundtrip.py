#!/usr/bin/env python3
"""Round trip of the printer over the modules of a spec test suite (extracted by wabt's
wast2json, see test/dump/Inputs/spec_checks.py extract).

usage: text_roundtrip.py --mwasm MWASM [--wabt-flags FLAGS] WORK_DIR

For every valid module (a `module` command with a .wasm file): the module is canonical when
wabt's own `wasm2wat | wat2wasm` gives its bytes back. Ours is `mwasm wasm2wat | ASSEMBLER`,
checked with two assemblers: wabt's wat2wasm and our own `mwasm wat2wasm`. Prints the counts
per assembler; exits 1 if a canonical module does not come back identical or if mwasm
wasm2wat fails on a module.
"""
import concurrent.futures
import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile

JOBS = 2  # the machines have two cores


def modules(work):
    for jf in sorted(glob.glob(os.path.join(work, "*.json"))):
        with open(jf) as f:
            data = json.load(f)
        for c in data["commands"]:
            if c["type"] == "module" and c.get("filename", "").endswith(".wasm"):
                yield os.path.join(work, c["filename"])


def assemble(cmd, text):
    """Runs an assembler on WAT text (through temporary files); returns the bytes or None."""
    with tempfile.TemporaryDirectory() as tmp:
        wat, wasm = os.path.join(tmp, "in.wat"), os.path.join(tmp, "out.wasm")
        with open(wat, "wb") as f:
            f.write(text)
        p = subprocess.run(cmd + [wat, "-o", wasm], capture_output=True)
        if p.returncode != 0 or not os.path.exists(wasm):
            return None
        with open(wasm, "rb") as f:
            return f.read()


def check(path, mwasm, assemblers, wabt_flags):
    with open(path, "rb") as f:
        original = f.read()
    wabt_text = subprocess.run(["wasm2wat"] + wabt_flags + [path], capture_output=True)
    canonical = (wabt_text.returncode == 0 and
                 assemble(["wat2wasm"] + wabt_flags, wabt_text.stdout) == original)
    ours = subprocess.run([mwasm, "wasm2wat", path], capture_output=True)
    if ours.returncode != 0:
        why = ours.stderr.decode(errors="replace").strip()
        return canonical, [("print-error", why)] * len(assemblers)
    verdicts = []
    for cmd in assemblers:
        back = assemble(cmd, ours.stdout)
        if back is None:
            verdicts.append(("assemble-error", ""))
        else:
            verdicts.append(("identical" if back == original else "different", ""))
    return canonical, verdicts


def main():
    args = sys.argv[1:]
    mwasm = args[args.index("--mwasm") + 1]
    flags = []
    if "--wabt-flags" in args:
        flags = shlex.split(args[args.index("--wabt-flags") + 1])
    assemblers = [("wat2wasm", ["wat2wasm"] + flags),
                  ("mwasm wat2wasm", [mwasm, "wat2wasm", "--no-check"])]
    work = args[-1]
    paths = list(modules(work))
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        results = list(pool.map(
            lambda p: check(p, mwasm, [cmd for _, cmd in assemblers], flags), paths))
    canonical = sum(1 for canon, _ in results if canon)
    failed = 0
    for k, (name, _) in enumerate(assemblers):
        identical = identical_all = 0
        for path, (canon, verdicts) in zip(paths, results):
            verdict, why = verdicts[k]
            if verdict == "print-error" and k == 0:
                print(f"wasm2wat failed: {os.path.basename(path)}: {why}")
                failed += 1
            if verdict == "identical":
                identical_all += 1
                identical += canon
            elif canon:
                print(f"not identical through {name}: {os.path.basename(path)}: {verdict}")
                failed += 1
        print(f"text-roundtrip ({name}): {len(paths)} modules, {canonical} canonical (wabt "
              f"round trip), {identical} of them identical through mwasm wasm2wat; "
              f"{identical_all} identical in all")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
