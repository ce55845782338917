#!/usr/bin/env python3
"""Runs every test suite of one or more build trees and prints one closing line:
`N passed, N failed` over everything run (unit tests, lit tests, spec-test expectations).

usage: run_all.py BUILD_DIR [BUILD_DIR...] [--lit-args ARGS]
"""
import os
import re
import subprocess
import sys

LIT = "/usr/lib/llvm-14/build/utils/lit/lit.py"


def run(cmd, env=None):
    print("+ " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    return p.returncode, p.stdout


def unit(build):
    exe = os.path.join(build, "bin", "unit_tests")
    rc, out = run([exe, "--gtest_brief=1"])
    sys.stdout.write(out)
    passed = failed = 0
    m = re.search(r"\[  PASSED  \] (\d+) test", out)
    if m:
        passed = int(m.group(1))
    m = re.search(r"\[  FAILED  \] (\d+) test", out)
    if m:
        failed = int(m.group(1))
    if rc != 0 and failed == 0:
        failed = 1  # crashed before reporting
        print(f"unit_tests exited with {rc}")
    return passed, failed


def lit(build, extra):
    rc, out = run([sys.executable, LIT, "-sv", os.path.join(build, "test")] + extra)
    sys.stdout.write(out)
    counts = {}
    for kind in ["Passed", "Failed", "Unresolved", "Timed Out", "Unsupported", "Expectedly Failed",
                 "Unexpectedly Passed"]:
        m = re.search(r"^\s*" + kind + r"\s*:\s*(\d+)", out, re.M)
        counts[kind] = int(m.group(1)) if m else 0
    passed = counts["Passed"]
    failed = counts["Failed"] + counts["Unresolved"] + counts["Timed Out"] + \
        counts["Unexpectedly Passed"]
    if counts["Unsupported"]:
        print(f"lit: {counts['Unsupported']} unsupported (not counted as passed)")
    if rc != 0 and failed == 0:
        failed = 1
        print(f"lit exited with {rc}")
    return passed, failed


def spec(build):
    """The spec-test expectations check (test/spec/run_spec.py), when present."""
    script = os.path.join(os.path.dirname(__file__), "spec", "run_spec.py")
    if not os.path.exists(script):
        return 0, 0
    rc, out = run([sys.executable, script, "--build", build])
    sys.stdout.write(out)
    m = re.search(r"^spec: (\d+) passed, (\d+) failed", out, re.M)
    if not m:
        return 0, 1
    return int(m.group(1)), int(m.group(2))


def main():
    args = sys.argv[1:]
    lit_extra = []
    if "--lit-args" in args:
        i = args.index("--lit-args")
        lit_extra = args[i + 1].split()
        args = args[:i] + args[i + 2:]
    total_p = total_f = 0
    for build in args:
        for name, fn in [("unit", lambda: unit(build)), ("lit", lambda: lit(build, lit_extra)),
                         ("spec", lambda: spec(build))]:
            if name == "spec" and "asan" in os.path.basename(build.rstrip("/")):
                continue  # the spec expectations run once, on the release build
            p, f = fn()
            print(f"== {build} {name}: {p} passed, {f} failed", flush=True)
            total_p += p
            total_f += f
    print(f"{total_p} passed, {total_f} failed")
    return 0 if total_f == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
