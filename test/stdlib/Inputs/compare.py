#!/usr/bin/env python3
"""Differential runner for stdlib tests: builds one C program with minicc and runs it with
`minicc --run` (our interpreter) and on node (node:wasi, the same .wasm file unchanged), builds
it natively with gcc+glibc (-O0 -fno-builtin, so that gcc's own folding of printf/sprintf is
not what is compared), and compares stdout and the exit status. Prints
`NAME: <lines> lines, identical on K runners` or the first difference.

usage: compare.py MINICC WORKDIR FILE.c [STDIN_FILE]
"""
import os
import shutil
import subprocess
import sys

MINICC, WORK, SRC = (os.path.abspath(a) for a in sys.argv[1:4])
STDIN = os.path.abspath(sys.argv[4]) if len(sys.argv) > 4 else None
HERE = os.path.dirname(os.path.abspath(__file__))
RUN_NODE = os.path.join(HERE, "run-node.cjs")
# Every runner starts in a fresh directory of its own (files the program writes do not
# clash), which is preopened as "." for the WASI runners; MINICC_TEST=hello is in the
# environment of all of them.
ENV = {"PATH": os.environ.get("PATH", ""), "MINICC_TEST": "hello"}


def run(cmd, cwd=None):
    stdin = open(STDIN, "rb") if STDIN else subprocess.DEVNULL
    if cwd:
        shutil.rmtree(cwd, ignore_errors=True)
        os.makedirs(cwd)
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=stdin,
                           timeout=300, cwd=cwd, env=ENV)
        return r.returncode, r.stdout, r.stderr
    except subprocess.TimeoutExpired:
        return -1, b"", b"timeout"


def status(rc, err):
    """Exit status, with every abnormal end (a signal natively, a trap under minicc --run
    (134) or node (an uncaught RuntimeError)) as 'abnormal'."""
    if rc < 0 or rc == 134 or (rc != 0 and b"RuntimeError" in err):
        return "abnormal"
    return rc


def main():
    os.makedirs(WORK, exist_ok=True)
    name = os.path.basename(SRC)
    base = os.path.join(WORK, name)
    results = {}
    SRC_ABS = os.path.abspath(SRC)
    rc, out, err = run([MINICC, SRC_ABS, "-o", base + ".wasm"])
    if rc != 0:
        print(f"{name}: minicc failed:\n{err.decode(errors='replace')}")
        return 1
    results["minicc --run"] = run([MINICC, "--dir", ".", "--env", "MINICC_TEST=hello", "--run",
                                   SRC_ABS], cwd=base + ".run-minicc")
    if shutil.which("node"):
        results["node"] = run(["node", RUN_NODE, base + ".wasm"], cwd=base + ".run-node")
    # A "// GCC-FLAGS: ..." line in the source adds libraries for the native build.
    extra = []
    for line in open(SRC_ABS, encoding="utf-8", errors="replace"):
        if line.startswith("// GCC-FLAGS:"):
            extra += line.split(":", 1)[1].split()
    rc, out, err = run(["gcc", "-w", "-O0", "-fno-builtin", "-x", "c", SRC_ABS, "-lm", *extra,
                        "-o", base + ".gcc"])
    if rc != 0:
        print(f"{name}: gcc failed:\n{err.decode(errors='replace')}")
        return 1
    ref = run([base + ".gcc"], cwd=base + ".run-gcc")
    for k, v in results.items():
        if (status(v[0], v[2]), v[1]) != (status(ref[0], ref[2]), ref[1]):
            a = v[1].decode(errors="replace").splitlines()
            b = ref[1].decode(errors="replace").splitlines()
            diffs = [i for i in range(max(len(a), len(b)))
                     if (a[i] if i < len(a) else None) != (b[i] if i < len(b) else None)]
            print(f"{name}: {k} differs from gcc: exit {v[0]} vs {ref[0]}, "
                  f"{len(diffs)} of {len(b)} lines differ")
            for i in diffs[:10]:
                print(f"  {k}: {a[i] if i < len(a) else '<none>'}")
                print(f"  gcc:  {b[i] if i < len(b) else '<none>'}")
            print(v[2].decode(errors="replace")[:2000])
            return 1
    lines = len(ref[1].splitlines())
    print(f"{name}: {lines} lines, identical on {len(results)} runners and gcc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
