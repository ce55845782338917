#!/usr/bin/env python3
"""Differential runner for the test/wasi programs.

Runs one C program built for wasm32-wasi under `mwasm run` and under node's `node:wasi`, and
(optionally) the same program built natively, each in a fresh copy of the same file tree, with
the same arguments, environment and stdin, and compares what they print, their exit statuses
and (with --compare-tree) the file tree they leave behind. mwasm's output goes to stdout so
that FileCheck can check it too; any mismatch is printed as a diff and fails the test.

  wasi_diff.py --mwasm MWASM --wasm P.wasm [--native P] --work DIR [--tree standard|escape|big]
               [--env K=V]... [--stdin TEXT] [--exit N] [--compare-tree] [--escape-check]
               [--swap NAME=A,B]...
               [--node-skip|--node-strip REGEX --node-reason TEXT] [--native-skip REGEX --native-reason TEXT]
               [--runners mwasm,node,native] -- ARGS...

Every runner sees the tree as its working directory: natively the process runs in
WORK/<runner>/sandbox; the Wasm runners preopen that directory as `.`. `{sandbox}` and
`{outside}` in ARGS become the absolute host paths of the runner's copies. Next to the sandbox
lies `outside/`, which no Wasm program may read, create or change: --escape-check verifies
that after the run (atime set far in the past detects reads, on a relatime mount).
"""
import argparse
import difflib
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
OLD_TIME = 1577836800  # 2020-01-01: fixed atime/mtime of every prepared entry
SECRET = "TOP-SECRET-CONTENT"


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def make_tree(root, kind):
    """Creates root/sandbox and root/outside; returns their paths."""
    sandbox = os.path.join(root, "sandbox")
    outside = os.path.join(root, "outside")
    os.makedirs(sandbox)
    os.makedirs(os.path.join(outside, "dir"))
    write(os.path.join(outside, "secret.txt"), SECRET + "\n")
    write(os.path.join(outside, "dir", "inner.txt"), SECRET + " inner\n")
    os.symlink("secret.txt", os.path.join(outside, "link-in-outside"))

    write(os.path.join(sandbox, "hello.txt"), "Hello, WASI!\n")
    os.makedirs(os.path.join(sandbox, "data", "sub"))
    write(os.path.join(sandbox, "data", "numbers.txt"),
          "".join(f"{i}\n" for i in range(1, 101)))
    write(os.path.join(sandbox, "data", "empty.txt"), "")
    write(os.path.join(sandbox, "data", "sub", "deep.txt"), "deep\n")
    write(os.path.join(sandbox, "data", "sub", "bin.dat"), bytes(range(256)) * 3)
    os.makedirs(os.path.join(sandbox, "emptydir"))
    os.symlink("hello.txt", os.path.join(sandbox, "link-to-hello"))
    os.symlink("data", os.path.join(sandbox, "dirlink"))
    os.symlink("../hello.txt", os.path.join(sandbox, "data", "uplink"))
    if kind == "big":
        os.makedirs(os.path.join(sandbox, "many"))
        for i in range(300):
            write(os.path.join(sandbox, "many", f"entry-with-a-longish-name-{i:04d}"), f"{i}\n")
    if kind == "escape":
        # Every way out that a symlink inside the sandbox can offer.
        links = {
            "abs-link": os.path.join(outside, "secret.txt"),
            "rel-link": "../outside/secret.txt",
            "chain1": "chain2",
            "chain2": "data/chain3",
            "data/chain3": "../../outside/secret.txt",
            "dir-escape": "../outside",
            "abs-dir-link": outside,
            "root-link": "/",
            "dot-dot": "..",
            "dangling-out": "../outside/created-by-dangling.txt",
            "data/sub/up3": "../../../outside/secret.txt",
            "loop-a": "loop-b",
            "loop-b": "loop-a",
            "self-out": "data/../../outside",
            # Swapped by --swap while the guest runs (race.c).
            "swapdir": "inside-dir",
            "swapfile": "inside-dir/secret.txt",
        }
        os.makedirs(os.path.join(sandbox, "inside-dir"))
        write(os.path.join(sandbox, "inside-dir", "secret.txt"), "inside\n")
        for name, target in links.items():
            os.symlink(target, os.path.join(sandbox, name))
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            os.utime(os.path.join(dirpath, n), (OLD_TIME, OLD_TIME), follow_symlinks=False)
    os.utime(sandbox, (OLD_TIME, OLD_TIME))
    os.utime(outside, (OLD_TIME, OLD_TIME))
    return sandbox, outside


def snapshot(top, rel_root, with_times):
    """path -> description of every entry under `top` (not following symlinks), with mtimes
    when `with_times`."""
    entries = {}
    paths = [top]
    for dirpath, dirnames, filenames in os.walk(top):
        paths += [os.path.join(dirpath, n) for n in dirnames + filenames]
    stats = {p: os.lstat(p) for p in paths}
    for p in sorted(paths):
        st = stats[p]
        rel = os.path.relpath(p, top)
        if stat.S_ISLNK(st.st_mode):
            desc = "link -> " + os.readlink(p).replace(rel_root, "{root}")
        elif stat.S_ISDIR(st.st_mode):
            desc = "dir"
        elif stat.S_ISREG(st.st_mode):
            with open(p, "rb") as f:
                data = f.read()
            desc = f"file size={len(data)} sha={hashlib.sha1(data).hexdigest()[:12]}"
            desc += f" nlink={st.st_nlink}"
        else:
            desc = f"other mode={st.st_mode:o}"
        if with_times and not stat.S_ISLNK(st.st_mode):
            desc += f" mtime={st.st_mtime_ns}"
        entries[rel] = desc
    return entries


def reset_atimes(top):
    """Sets the atime of everything under `top` (itself included) far in the past, after the
    snapshot has listed and read it: on a relatime mount any later read moves it again."""
    paths = [top]
    for dirpath, dirnames, filenames in os.walk(top):
        paths += [os.path.join(dirpath, n) for n in dirnames + filenames]
    for p in paths:
        if not os.path.islink(p):
            st = os.lstat(p)
            os.utime(p, ns=(OLD_TIME * 10**9, st.st_mtime_ns))
    return paths


def swapper(sandbox, specs, stop):
    """Flips each symlink NAME between targets A and B (atomically, by rename) until `stop`."""
    links = [(os.path.join(sandbox, n), t.split(",")) for n, t in (s.split("=", 1) for s in specs)]
    i = 0
    while not stop.is_set():
        for path, targets in links:
            tmp = path + ".tmp"
            os.symlink(targets[i % 2], tmp)
            os.rename(tmp, path)
        i += 1
    return i


def run_one(runner, opts, args, root, sandbox, outside):
    subst = [a.replace("{sandbox}", sandbox).replace("{outside}", outside) for a in args]
    env_list = opts.env
    if runner == "mwasm":
        cmd = [opts.mwasm, "run", "--dir", sandbox + "::."]
        for e in env_list:
            cmd += ["--env", e]
        cmd += [opts.wasm] + subst
        env = dict(os.environ)
    elif runner == "node":
        cmd = ["node", "--no-warnings", os.path.join(HERE, "run_node.mjs"), "--dir",
               sandbox + "::."]
        for e in env_list:
            cmd += ["--env", e]
        cmd += ["--", opts.wasm] + subst
        env = dict(os.environ)
    else:
        cmd = [opts.native] + subst
        env = dict(e.split("=", 1) for e in env_list)
    stop = threading.Event()
    thread = threading.Thread(target=swapper, args=(sandbox, opts.swap, stop))
    if opts.swap:
        thread.start()
    try:
        p = subprocess.run(cmd, cwd=sandbox, env=env, input=opts.stdin.encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    finally:
        stop.set()
        if opts.swap:
            thread.join()
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode  # as a shell reports
    return status, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def report_diff(what, a_name, a, b_name, b):
    sys.stderr.write(f"MISMATCH in {what}: {a_name} vs {b_name}\n")
    sys.stderr.writelines(difflib.unified_diff(a.splitlines(True), b.splitlines(True), a_name,
                                               b_name))
    sys.stderr.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mwasm")
    ap.add_argument("--wasm", required=True)
    ap.add_argument("--native")
    ap.add_argument("--work", required=True)
    ap.add_argument("--tree", default="standard", choices=["standard", "escape", "big"])
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--stdin", default="")
    ap.add_argument("--exit", type=int, default=0)
    ap.add_argument("--compare-tree", action="store_true")
    ap.add_argument("--swap", action="append", default=[],
                    help="NAME=A,B: flip symlink NAME between A and B while the guest runs")
    ap.add_argument("--escape-check", action="store_true")
    ap.add_argument("--node-skip", help="regex: lines left out of the comparison with node")
    ap.add_argument("--node-strip", help="regex: text removed from lines compared with node")
    ap.add_argument("--node-reason", default="")
    ap.add_argument("--native-skip", help="regex: lines left out of the comparison with native")
    ap.add_argument("--native-reason", default="")
    ap.add_argument("--runners", default="mwasm,node,native")
    ap.add_argument("args", nargs="*")
    opts = ap.parse_args()
    runners = [r for r in opts.runners.split(",") if r]
    if "native" in runners and not opts.native:
        runners.remove("native")
    if (opts.node_skip or opts.node_strip) and not opts.node_reason:
        ap.error("--node-skip and --node-strip need --node-reason")
    if opts.native_skip and not opts.native_reason:
        ap.error("--native-skip needs --native-reason")

    shutil.rmtree(opts.work, ignore_errors=True)
    results = {}
    ok = True
    for r in runners:
        root = os.path.join(opts.work, r)
        sandbox, outside = make_tree(root, opts.tree)
        if opts.escape_check:
            before = snapshot(outside, root, True)
            paths = reset_atimes(outside)
        rc, out, err = run_one(r, opts, opts.args, root, sandbox, outside)
        if opts.escape_check:
            read = [p for p in paths if os.path.lexists(p) and not os.path.islink(p)
                    and os.lstat(p).st_atime != OLD_TIME]
            after = snapshot(outside, root, True)
            if read:
                ok = False
                sys.stderr.write(f"{r}: read outside the sandbox (atime changed): {read}\n")
            if after != before:
                ok = False
                report_diff("the host tree outside the sandbox", "before", "".join(
                    f"{k}: {v}\n" for k, v in before.items()), f"after {r}", "".join(
                    f"{k}: {v}\n" for k, v in after.items()))
            if SECRET in out or SECRET in err:
                ok = False
                sys.stderr.write(f"{r}: the guest printed the secret outside its sandbox\n")
        tree = snapshot(root, root, False) if opts.compare_tree else {}
        results[r] = (rc, out, err, tree)
        if rc != opts.exit:
            ok = False
            sys.stderr.write(f"{r}: exit status {rc}, expected {opts.exit}\n{err}")

    first = runners[0]
    sys.stdout.write(results[first][1])
    for r in runners[1:]:
        a, b = results[first], results[r]
        out_a, out_b = a[1], b[1]
        for name, regex in [("node", opts.node_skip), ("native", opts.native_skip)]:
            if name in (first, r) and regex:
                skip = re.compile(regex)
                out_a = "".join(l for l in out_a.splitlines(True) if not skip.search(l))
                out_b = "".join(l for l in out_b.splitlines(True) if not skip.search(l))
        if "node" in (first, r) and opts.node_strip:
            out_a = re.sub(opts.node_strip, "", out_a)
            out_b = re.sub(opts.node_strip, "", out_b)
        if out_a != out_b:
            ok = False
            report_diff("stdout", first, out_a, r, out_b)
        if a[0] != b[0]:
            ok = False
            sys.stderr.write(f"MISMATCH in exit status: {first} {a[0]}, {r} {b[0]}\n")
        if a[3] != b[3]:
            ok = False
            report_diff("the file tree left behind", first,
                        "".join(f"{k}: {v}\n" for k, v in a[3].items()), r,
                        "".join(f"{k}: {v}\n" for k, v in b[3].items()))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
