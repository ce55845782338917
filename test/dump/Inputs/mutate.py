#!/usr/bin/env python3
"""Seeded mutation test: writes COUNT randomly mutated copies of the input modules and runs
`mwasm dump -x` (the reader with its observer, the dump) and `mwasm roundtrip` (the writer on
what still reads) over them in batches. A batch that crashes, reports a sanitizer error or
runs out of time is re-run file by file to name the culprit.

usage: mutate.py --mwasm MWASM --seed N --count N --work DIR INPUT.wasm...
"""
import os
import random
import subprocess
import sys

TIMEOUT = 60  # seconds per batch: generous for ASan builds on busy machines
BATCH = 100


def mutate(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not data:
            data = bytearray(b"\0asm\1\0\0\0")
        kind = rng.randrange(7)
        i = rng.randrange(len(data))
        if kind == 0:  # flip a bit
            data[i] ^= 1 << rng.randrange(8)
        elif kind == 1:  # random byte
            data[i] = rng.randrange(256)
        elif kind == 2:  # interesting byte: LEB continuation, max, zero, a section id
            data[i] = rng.choice([0x00, 0x01, 0x0b, 0x40, 0x7f, 0x80, 0xff, 0x0d, 0x0c])
        elif kind == 3:  # insert random bytes
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        elif kind == 4:  # delete a range
            del data[i:i + rng.randint(1, 16)]
        elif kind == 5:  # duplicate a range
            j = min(len(data), i + rng.randint(1, 32))
            data[j:j] = data[i:j]
        else:  # truncate
            del data[i:]
    return bytes(data)


def run(cmd):
    """Returns a failure description, or None."""
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           errors="replace", timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return "hang"
    if p.returncode not in (0, 1):
        return f"exit status {p.returncode}"
    for marker in ("Sanitizer", "runtime error:"):
        if marker in p.stderr:
            return "sanitizer report"
    return None


def main():
    args = sys.argv[1:]
    mwasm = args[args.index("--mwasm") + 1]
    seed = int(args[args.index("--seed") + 1])
    count = int(args[args.index("--count") + 1])
    work = args[args.index("--work") + 1]
    inputs = [a for a in args if a.endswith(".wasm")]
    os.makedirs(work, exist_ok=True)
    rng = random.Random(seed)
    bases = [open(f, "rb").read() for f in inputs]
    files = []
    for n in range(count):
        path = os.path.join(work, f"m{n:04d}.wasm")
        with open(path, "wb") as f:
            f.write(mutate(rng, rng.choice(bases)))
        files.append(path)
    crashes = hangs = 0
    for b in range(0, count, BATCH):
        batch = files[b:b + BATCH]
        spec = "--spec=2.0" if (b // BATCH) % 2 else "--spec=3.0"
        for cmd in (["dump", "-x", spec], ["roundtrip", spec]):
            if run([mwasm] + cmd + batch) is None:
                continue
            for f in batch:  # find the culprit(s)
                why = run([mwasm] + cmd + [f])
                if why:
                    print(f"FAIL: mwasm {' '.join(cmd)} {f}: {why}")
                    hangs += why == "hang"
                    crashes += why != "hang"
    print(f"mutate: {count} mutated modules, {crashes} crashes, {hangs} hangs")
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
