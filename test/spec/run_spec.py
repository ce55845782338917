#!/usr/bin/env python3
"""Runs `mwasm wast` over the spec test suites and compares the counts with the checked-in
expectations (test/spec/expected.txt, one line per file: `FILE passed N failed M # reason`).

usage: run_spec.py --build BUILD [--update-expectations] [--groups] [--jobs N] [--timeout S]
                   [--mwasm PATH] [--testsuite DIR] [--testsuite20 DIR] [--expected FILE]
(the last four override what BUILD gives, for testing this script)

Suites (paths from BUILD/CMakeCache.txt):
  MINICC_TESTSUITE20_DIR  every *.wast, run with --spec=2.0      -> testsuite-2.0/NAME.wast
  MINICC_TESTSUITE_DIR    *.wast, legacy/, custom/ -> testsuite/...; proposals/threads/ with
                          --spec=threads (the proposal's own rules: 2.0 plus shared memories
                          and atomics, so u32 memory limits and a single memory)
A file whose counts differ from its line (or that has no line, or whose line has no file)
is a difference; any difference fails. A file that crashes or times out counts as
`passed 0 failed 1`. `--update-expectations` rewrites the file from this run (counts and
reasons).

`--groups` adds the totals per group (2.0 SIMD/non-SIMD, GROUPS.md's groups, folders).
Prints the differences, then `spec assertions: N passed, N failed` (the commands of every
file) and last `spec: N passed, N failed`, counting files that match their expectation.
"""
import concurrent.futures
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected.txt")
SUMMARY = re.compile(r"^(.*): (\d+) passed, (\d+) failed$")
FAILURE = re.compile(r"^.*?:\d+: (\S+): (.*)$")


def cache_var(build, name):
    with open(os.path.join(build, "CMakeCache.txt")) as f:
        for line in f:
            m = re.match(r"^" + name + r":\w+=(.*)$", line.strip())
            if m:
                return m.group(1)
    return None


def suite_files(s20, s30):
    """[(key, path, extra mwasm args)], and the names of the suites that are missing."""
    files, missing = [], []
    if s20 and os.path.isdir(s20):
        for p in sorted(glob.glob(os.path.join(s20, "*.wast"))):
            files.append(("testsuite-2.0/" + os.path.basename(p), p, ["--spec=2.0"]))
    else:
        missing.append(f"testsuite-2.0 ({s20})")
    if s30 and os.path.isdir(s30):
        for sub in ["", "legacy/", "custom/", "proposals/threads/"]:
            extra = ["--spec=threads"] if sub == "proposals/threads/" else []
            for p in sorted(glob.glob(os.path.join(s30, sub + "*.wast"))):
                files.append(("testsuite/" + sub + os.path.basename(p), p, extra))
    else:
        missing.append(f"testsuite ({s30})")
    return files, missing


def reason(failures):
    """A short summary of a file's failure lines: the most common kinds."""
    kinds = {}
    for line in failures:
        m = FAILURE.match(line)
        if not m:
            continue
        cmd, why = m.group(1), m.group(2)
        # Values and offsets vary from line to line; messages are kept (shortened).
        why = re.sub(r"\[[^\]]*\]", "[..]", why)
        why = re.sub(r"offset 0x[0-9a-f]+", "offset N", why)
        why = re.sub(r"function \d+", "function N", why)
        why = re.sub(r"\"([^\"]{30})[^\"]+\"", r'"\1.."', why)
        key = f"{cmd}: {why}"[:90]
        kinds[key] = kinds.get(key, 0) + 1
    # Commands that failed only because an earlier module did not load come last.
    top = sorted(kinds.items(), key=lambda kv: ("no module instance" in kv[0], -kv[1]))[:2]
    return "; ".join(f"{n}x {k}" for k, n in top)


def run_one(mwasm, item, timeout):
    key, path, extra = item
    try:
        p = subprocess.run([mwasm, "wast"] + extra + [path], capture_output=True, text=True,
                           timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        return key, 0, 1, f"timeout after {timeout} s"
    lines = p.stdout.splitlines()
    for line in reversed(lines):
        m = SUMMARY.match(line)
        if m and m.group(1) == path:
            failures = [l for l in lines if l.startswith(path + ":") and not SUMMARY.match(l)]
            return key, int(m.group(2)), int(m.group(3)), reason(failures)
    return key, 0, 1, f"crashed (exit status {p.returncode})"


def groups(s30):
    """Group of each key: testsuite-2.0 SIMD / non-SIMD, and the GROUPS.md groups of the
    top-level suite (legacy/, custom/, proposals/threads/ by folder)."""
    table = {}
    path = os.path.join(s30 or "", "GROUPS.md")
    if os.path.exists(path):
        current = None
        with open(path) as f:
            for line in f:
                m = re.match(r"^## (\S+) \(", line)
                if m:
                    current = m.group(1)
                elif current and line.split() and all(w.endswith(".wast") for w in line.split()):
                    for name in line.split():
                        table["testsuite/" + name] = current
    return table


def group_of(table, key):
    if key.startswith("testsuite-2.0/"):
        return "2.0 simd" if "/simd_" in key else "2.0 non-simd"
    parts = key.split("/")
    if len(parts) > 2:
        return "/".join(parts[1:-1])
    return table.get(key, "other")


def read_expected(path):
    table = {}
    if not os.path.exists(path):
        return table
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^(\S+) passed (\d+) failed (\d+)(?: # (.*))?$", line)
            if m:
                table[m.group(1)] = (int(m.group(2)), int(m.group(3)), m.group(4) or "")
    return table


def main():
    args = sys.argv[1:]

    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default

    build = option("--build")
    jobs = int(option("--jobs", 2))
    timeout = int(option("--timeout", 60))
    update = "--update-expectations" in args
    mwasm = option("--mwasm") or os.path.join(build, "bin", "mwasm")
    s20 = option("--testsuite20") or (build and cache_var(build, "MINICC_TESTSUITE20_DIR"))
    s30 = option("--testsuite") or (build and cache_var(build, "MINICC_TESTSUITE_DIR"))
    expected_path = option("--expected", EXPECTED)

    files, missing = suite_files(s20, s30)
    for name in missing:
        print(f"spec: suite unavailable: {name} (not run, not passed)")
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda it: run_one(mwasm, it, timeout), files))

    expected = read_expected(expected_path)
    available = {key.split("/")[0] for key, _, _ in files}
    matched = differ = total_p = total_f = 0
    for key, p, f, why in results:
        total_p += p
        total_f += f
        want = expected.get(key)
        if want and want[:2] == (p, f):
            matched += 1
        else:
            differ += 1
            was = f"passed {want[0]} failed {want[1]}" if want else "no expectation"
            print(f"DIFFERS: {key}: passed {p} failed {f}, expected {was}" +
                  (f" # {why}" if why else ""))
    seen = {key for key, _, _, _ in results}
    for key in sorted(expected):
        if key not in seen and key.split("/")[0] in available:
            differ += 1
            print(f"DIFFERS: {key}: expected but not in the suite")

    if update:
        with open(expected_path, "w") as out:
            for key, p, f, why in sorted(results):
                # The reason is this run's: a kept one goes stale when the failures change.
                out.write(f"{key} passed {p} failed {f}" + (f" # {why}" if f and why else "")
                          + "\n")
            # Lines of suites not available here are kept as they are.
            for key in sorted(expected):
                if key.split("/")[0] not in available:
                    p, f, note = expected[key]
                    out.write(f"{key} passed {p} failed {f}" + (f" # {note}" if note else "")
                              + "\n")
        print(f"spec: expectations rewritten: {expected_path}")
    if "--groups" in args:
        table, sums = groups(s30), {}
        for key, p, f, _ in results:
            g = sums.setdefault(group_of(table, key), [0, 0, 0])
            g[0] += p
            g[1] += f
            g[2] += 1
        for name, (p, f, n) in sorted(sums.items()):
            print(f"group {name}: {p} passed, {f} failed ({n} files)")
    print(f"spec assertions: {total_p} passed, {total_f} failed ({len(results)} files)")
    print(f"spec: {matched} passed, {differ} failed")
    return 0 if differ == 0 or update else 1


if __name__ == "__main__":
    sys.exit(main())
