#!/usr/bin/env python3
"""Code size of `minicc -O1` output against clang-14 for wasm32, per function set, over the exec
programs (test/exec/*.mc) and the samples (issue goal: minicc <= 1.3x clang).

Method: each program is built twice from the same sources (the program plus every stdlib source
file, and for clang a two-line `_start`):
  minicc -O1 PROGRAM -o a.wasm
  clang-14 --target=wasm32-wasi -O1 -nostdlib -Wl,--no-entry -Wl,--export-all PROGRAM stdlib... -o c.wasm
With --export-all clang keeps every stdlib function, while minicc keeps only what the program
reaches, so whole code sections are not comparable. Instead both sides count the same set of
functions: those minicc emits, matched by name through the `name` sections. A function's size is
its body size in the code section (local declarations and instructions, without the size
prefix). A function minicc emits that clang inlined into all its callers and dropped counts 0
on clang's side (its code is counted in clang's callers).

usage: bench/codesize.py [--build DIR] [--minicc PATH] [--limit R] [--own-limit R] [--worst N]
                         [--functions] [--quiet] [FILE.mc...]
Prints, for all functions and for the program's own functions (those its source file defines,
`main` included), one line per program, the worst programs and the aggregate (sum over sum).
--limit R fails when a program or the aggregate over all functions exceeds R; --own-limit R
fails when the aggregate over the programs' own functions does. Per program, the own-functions
ratio is not bounded: clang -O1 inlines a program's static functions into main and folds whole
computations on constants (an exec program that prints 3 + 4 becomes printf("%d", 7)).
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STDLIB = sorted(glob.glob(os.path.join(ROOT, "stdlib", "src", "*.mc")))
CRT = os.path.join(ROOT, "test", "exec", "Inputs", "clang-crt.c")
CLANG_FLAGS = ["--target=wasm32-wasi", "-O1", "-nostdlib", "-Wl,--no-entry", "-Wl,--export-all"]


def uleb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def name_str(b, i):
    n, i = uleb(b, i)
    return b[i:i + n].decode("utf-8", "replace"), i + n


def function_sizes(path):
    """{function name: body size} of the functions defined in a module (unnamed ones as #index)."""
    b = open(path, "rb").read()
    i = 8
    imported = 0
    bodies = []
    names = {}
    while i < len(b):
        sid = b[i]
        size, j = uleb(b, i + 1)
        end = j + size
        if sid == 2:  # imports: count the function imports
            n, k = uleb(b, j)
            for _ in range(n):
                _, k = name_str(b, k)
                _, k = name_str(b, k)
                kind = b[k]
                k += 1
                if kind == 0:
                    imported += 1
                    _, k = uleb(b, k)
                elif kind == 1:  # table: reftype, limits
                    k += 1
                    flags = b[k]
                    _, k = uleb(b, k + 1)
                    if flags & 1:
                        _, k = uleb(b, k)
                elif kind == 2:  # memory: limits
                    flags = b[k]
                    _, k = uleb(b, k + 1)
                    if flags & 1:
                        _, k = uleb(b, k)
                elif kind == 3:  # global: valtype, mutability
                    k += 2
                else:
                    raise ValueError(f"{path}: unknown import kind {kind}")
        elif sid == 10:
            n, k = uleb(b, j)
            for _ in range(n):
                s, k2 = uleb(b, k)
                bodies.append(s)
                k = k2 + s
        elif sid == 0:
            cname, k = name_str(b, j)
            if cname == "name":
                while k < end:
                    sub = b[k]
                    ssize, k2 = uleb(b, k + 1)
                    if sub == 1:
                        n, m = uleb(b, k2)
                        for _ in range(n):
                            idx, m = uleb(b, m)
                            nm, m = name_str(b, m)
                            names[idx] = nm
                    k = k2 + ssize
        i = end
    out = {}
    for n, s in enumerate(bodies):
        nm = names.get(imported + n, f"#{imported + n}")
        out[nm] = out.get(nm, 0) + s
    return out


def clang_compile(src, obj):
    """clang-14 with the issue's flags, compile step only (the link step is shared)."""
    r = subprocess.run(["clang-14", *CLANG_FLAGS, "-w", "-isystem",
                        os.path.join(ROOT, "stdlib", "include"), "-x", "c", "-c", src, "-o", obj],
                       capture_output=True, text=True)
    return r.stderr.strip()[:300] if r.returncode else None


def defined_functions(obj):
    """Names of the functions an object file defines (static ones included)."""
    r = subprocess.run(["llvm-nm-14", "--defined-only", obj], capture_output=True, text=True)
    return {line.split()[-1] for line in r.stdout.splitlines() if line.split()[-2:-1] in
            (["T"], ["t"])}


def measure(minicc, f, tmp, stdlib_objs):
    """[(function, minicc size, clang size, defined in the program file)], or (None, error)."""
    a, c, o = (os.path.join(tmp, n) for n in ("a.wasm", "c.wasm", "prog.o"))
    r1 = subprocess.run([minicc, "-O1", f, "-o", a], capture_output=True, text=True)
    if r1.returncode:
        return None, "minicc: " + r1.stderr.strip()
    err = clang_compile(f, o)
    if err:
        return None, "clang: " + err
    r2 = subprocess.run(["clang-14", *CLANG_FLAGS, o, *stdlib_objs, "-o", c], capture_output=True,
                        text=True)
    if r2.returncode:
        return None, "clang: " + r2.stderr.strip()[:300]
    user = defined_functions(o)
    ours, theirs = function_sizes(a), function_sizes(c)
    if "__original_main" in theirs:
        # clang renames `int main(void)` to __original_main and adds a `main(argc, argv)` thunk
        # that calls it; the thunk is an ABI artifact: compare against __original_main.
        theirs["main"] = theirs["__original_main"]
        user.add("main")
    per = [(nm, s, theirs.get(nm, 0), nm in user) for nm, s in ours.items()]
    return per, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--minicc", help="minicc binary (default BUILD/bin/minicc)")
    ap.add_argument("--limit", type=float,
                    help="fail when a program's or the aggregate ratio over all functions exceeds this")
    ap.add_argument("--own-limit", type=float,
                    help="fail when the aggregate ratio over the programs' own functions exceeds this")
    ap.add_argument("--worst", type=int, default=10, help="list the N worst programs")
    ap.add_argument("--functions", action="store_true", help="per-function sizes too")
    ap.add_argument("--quiet", action="store_true", help="no per-program lines")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    minicc = args.minicc or os.path.join(args.build, "bin", "minicc")
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "test", "exec", "*.mc")) +
                                 glob.glob(os.path.join(ROOT, "samples", "*.mc")))
    rows = []
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        stdlib_objs = []
        for src in STDLIB + [CRT]:
            obj = os.path.join(tmp, os.path.basename(src) + ".o")
            err = clang_compile(src, obj)
            if err:
                sys.exit(f"clang: {src}: {err}")
            stdlib_objs.append(obj)
        for f in files:
            per, err = measure(minicc, f, tmp, stdlib_objs)
            name = os.path.relpath(f, ROOT)
            if per is None:
                failed.append((name, err))
                continue
            rows.append((name, per))
    for name, err in failed:
        print(f"{name}: not measured: {err}")
    status = 1 if failed else 0
    for label, pick, limit, per_program in (
            ("all functions", lambda p: True, args.limit, True),
            ("program's own functions", lambda p: p[3], args.own_limit, False)):
        ours = theirs = 0
        summary = []
        for name, per in rows:
            sel = [p for p in per if pick(p)]
            x, y = sum(p[1] for p in sel), sum(p[2] for p in sel)
            ours += x
            theirs += y
            summary.append((x / max(y, 1), name, x, y, len(sel)))
        print(f"== {label}")
        if not args.quiet:
            for r, name, x, y, n in summary:
                print(f"{name:40} functions {n:3}  minicc {x:6}  clang {y:6}  ratio {r:.3f}")
        if args.functions:
            for name, per in rows:
                print(name)
                for nm, x, y, _ in sorted((p for p in per if pick(p)), key=lambda p: p[2] - p[1]):
                    print(f"    {nm:36} minicc {x:6}  clang {y:6}")
        summary.sort(reverse=True)
        agg = ours / max(theirs, 1)
        print("worst: " + ", ".join(f"{os.path.basename(n)} {r:.3f}"
                                    for r, n, *_ in summary[:args.worst]))
        print(f"{label}: {len(rows)} programs, code bytes minicc {ours}, clang {theirs}, "
              f"aggregate ratio {agg:.3f}, max {summary[0][0] if summary else 0:.3f}")
        if limit is not None:
            over = [(n, r) for r, n, *_ in summary if r > limit] if per_program else []
            if agg > limit:
                over.append(("aggregate", agg))
            for n, r in over:
                print(f"{label}: over {limit}: {n} {r:.3f}")
            if over:
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
