#!/usr/bin/env python3
"""csmith differential test: generates programs with fixed seeds (1, 2, ...), compiles each with
minicc (--run on our interpreter; even seeds at -O0, odd seeds at -O1) and with clang-14 -O0
--target=wasm32-wasi (wasi-libc, run on node), and compares the printed checksums.

A program that does not terminate (minicc runs out of its CPU-time limit and clang's build does too, or traps,
which is how clang compiles a side-effect-free infinite loop) says nothing about either compiler:
it is replaced by the next seed, and the number of such seeds is printed. Every other outcome must
be an identical checksum line and exit status.

usage: csmith.py MINICC WORKDIR [COUNT]
"""
import concurrent.futures
import os
import resource
import signal
import subprocess
import sys

MINICC, WORK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
COUNT = int(sys.argv[3]) if len(sys.argv) > 3 else 200
HERE = os.path.dirname(os.path.abspath(__file__))
CSMITH_INC = "/usr/include/csmith"
# What mini-C has no use for or cannot express: packed structs (#pragma pack), and main's
# argc/argv (which make csmith call strcmp on argv). Sizes keep the runtime modest.
OPTIONS = ["--no-packed-struct", "--no-argc", "--max-funcs", "5"]
# Limits are CPU seconds (RLIMIT_CPU), so a loaded machine does not turn slow runs into
# timeouts; the wall-clock limit is only a safety net.
CPU_LIMIT = 10
WALL_LIMIT = 600


def limit_cpu():
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT + 1))


def run(cmd, limited=False):
    """Returns (exit status or 'timeout', stdout, stderr). Runs in WORK (csmith writes its
    platform.info to the current directory)."""
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=WALL_LIMIT, cwd=WORK,
                           preexec_fn=limit_cpu if limited else None)
    except subprocess.TimeoutExpired:
        return "timeout", "", ""
    if r.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "timeout", "", ""
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def check(seed):
    """Returns ('ok' | 'skip' | 'fail', message)."""
    src = os.path.join(WORK, f"s{seed}.c")
    rc, _, err = run(["csmith", "--seed", str(seed), *OPTIONS, "-o", src])
    if rc != 0:
        return "fail", f"seed {seed}: csmith failed: {err}"
    opt = "-O1" if seed % 2 else "-O0"
    ours = run([MINICC, opt, "-w", "-I", CSMITH_INC, "-I", os.path.join(HERE, "csmith-include"),
                "--run", src], limited=True)
    wasm = os.path.join(WORK, f"s{seed}.wasm")
    # clang at -O0: its -O1 needs minutes of CPU for some programs (seed 193), and -O0 keeps
    # the reference free of optimisations that exploit undefined infinite loops.
    rc, _, err = run(["clang-14", "--target=wasm32-wasi", "-fuse-ld=lld", "-O0", "-w",
                      "-I", CSMITH_INC, src, "-o", wasm], limited=True)
    if rc != 0:
        return "fail", f"seed {seed}: clang failed: {err}"
    ref = run(["node", os.path.join(HERE, "run-wasi.cjs"), wasm], limited=True)
    if ours[0] == "timeout" and (ref[0] == "timeout" or (ref[0] != 0 and not ref[1])):
        os.remove(src)
        os.remove(wasm)
        return "skip", f"seed {seed}: does not terminate"
    if (ours[0], ours[1]) != (ref[0], ref[1]) or not ref[1].startswith("checksum = "):
        return "fail", (f"seed {seed} ({opt}): minicc exit {ours[0]}: {ours[1].strip()} "
                        f"{ours[2][:2000]}\n  clang exit {ref[0]}: {ref[1].strip()}")
    # Keep the work dir small: only failing programs stay.
    os.remove(src)
    os.remove(wasm)
    return "ok", ""


def main():
    os.makedirs(WORK, exist_ok=True)
    for h in ("csmith.h", "safe_math.h"):
        if not os.path.exists(os.path.join(CSMITH_INC, h)):
            print(f"csmith: {CSMITH_INC}/{h} missing (install libcsmith-dev: scripts/setup.sh)")
            return 1
    ok, skipped, failures = 0, [], []
    seed = 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        while ok + len(failures) < COUNT:
            need = COUNT - ok - len(failures)
            seeds = list(range(seed, seed + need))
            seed += need
            for s, (status, msg) in zip(seeds, pool.map(check, seeds)):
                if status == "ok":
                    ok += 1
                elif status == "skip":
                    skipped.append(s)
                else:
                    failures.append(msg)
    for f in failures:
        print(f)
    print(f"csmith: seeds 1-{seed - 1}, {len(skipped)} non-terminating skipped"
          + (f" ({', '.join(map(str, skipped))})" if skipped else ""))
    print(f"csmith: {ok + len(failures)} programs, {ok} checksums identical")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
