#!/usr/bin/env python3
"""Differential test: every program is run three ways and must print the same thing and exit
with the same status -- `minicc --run` (our compiler and interpreter), clang-14 for wasm32 with
the same stdlib sources on node (node:wasi), and gcc natively (skipped for files marked
`DIFF: no-gcc`, whose meaning depends on type sizes).

usage: differential.py MINICC SRCROOT WORKDIR FILE_OR_DIR...
"""
import concurrent.futures
import glob
import os
import subprocess
import sys

MINICC, SRCROOT, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
INPUTS = os.path.join(SRCROOT, "test", "exec", "Inputs")
STDLIB = sorted(glob.glob(os.path.join(SRCROOT, "stdlib", "src", "*.mc")))


TIMEOUT = float(os.environ.get("DIFF_TIMEOUT", "60"))  # seconds per program run
BUILD_TIMEOUT = 300  # seconds per clang/gcc build


def run(cmd, timeout=TIMEOUT, **kw):
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout, **kw)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"


def check(path):
    name = os.path.basename(path)
    base = os.path.join(WORK, name)
    src = open(path, encoding="utf-8", errors="replace").read()
    results = {}
    results["minicc -O0"] = run([MINICC, "--run", path])
    results["minicc -O1"] = run([MINICC, "-O1", "--run", path])
    rc, _, err = run(["clang-14", "--target=wasm32-wasi", "-nostdlib", "-O1", "-w", "-mbulk-memory",
                      "-x", "c", path, *STDLIB, os.path.join(INPUTS, "clang-crt.c"),
                      "-o", base + ".clang.wasm"], timeout=BUILD_TIMEOUT)
    if rc != 0:
        return f"{name}: clang failed: {err.decode(errors='replace')}"
    results["clang+node"] = run(["node", os.path.join(INPUTS, "run-wasi.cjs"), base + ".clang.wasm"])
    if "DIFF: no-gcc" not in src:
        rc, _, err = run(["gcc", "-w", "-O1", "-x", "c", path, "-o", base + ".gcc"], timeout=BUILD_TIMEOUT)
        if rc != 0:
            return f"{name}: gcc failed: {err.decode(errors='replace')}"
        results["gcc"] = run([base + ".gcc"])
    timed_out = [k for k, v in results.items() if v[0] is None]
    if timed_out:  # never "identical" because every runner hung the same way
        return f"{name}: timed out after {TIMEOUT:g} s: {', '.join(timed_out)}"
    ref_name, ref = "clang+node", results["clang+node"]
    for k, v in results.items():
        if (v[0], v[1]) != (ref[0], ref[1]):
            return (f"{name}: {k} differs from {ref_name}: exit {v[0]} vs {ref[0]}\n"
                    f"--- {k}\n{v[1].decode(errors='replace')}{v[2].decode(errors='replace')}"
                    f"--- {ref_name}\n{ref[1].decode(errors='replace')}")
    return None


def main():
    os.makedirs(WORK, exist_ok=True)
    files = []
    for arg in sys.argv[4:]:
        if os.path.isdir(arg):
            files += sorted(glob.glob(os.path.join(arg, "*.mc")))
        else:
            files.append(arg)
    files = [f for f in files if "int main" in open(f, encoding="utf-8", errors="replace").read()]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        failures = [r for r in pool.map(check, files) if r]
    for f in failures:
        print(f)
    print(f"differential: {len(files)} programs, {len(files) - len(failures)} identical")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
