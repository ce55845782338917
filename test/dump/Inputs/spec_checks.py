#!/usr/bin/env python3
"""Checks of the binary reader, writer and `mwasm dump` against the modules of a spec test
suite, as extracted by wabt's wast2json.

usage: spec_checks.py extract SUITE_DIR WORK_DIR [--enable-all]
       spec_checks.py roundtrip|sections|malformed --mwasm MWASM --spec V WORK_DIR

  extract    run wast2json on every .wast of SUITE_DIR (files it cannot convert are skipped
             and counted) into WORK_DIR
  roundtrip  for the valid modules outside simd_* files: which ones are canonical (wabt's
             wasm2wat | wat2wasm gives the bytes back), and whether `mwasm roundtrip` writes
             those back byte for byte and every other module to a stable rewrite
  sections   `mwasm dump --sections` lists the sections, offsets and sizes wasm-objdump -h lists
  malformed  every binary assert_malformed module is rejected with its expected text
Each check prints counts and exits 1 on any mismatch.
"""
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys

JOBS = 2  # the machines have two cores


def extract(suite, work, enable_all):
    os.makedirs(work, exist_ok=True)
    wasts = sorted(glob.glob(os.path.join(suite, "*.wast")))
    flags = ["--enable-all"] if enable_all else []

    def one(path):
        name = os.path.splitext(os.path.basename(path))[0]
        out = os.path.join(work, name + ".json")
        p = subprocess.run(["wast2json"] + flags + [path, "-o", out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return p.returncode == 0

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        ok = sum(pool.map(one, wasts))
    print(f"extract: {ok} of {len(wasts)} files converted")
    return 0


def commands(work):
    for jf in sorted(glob.glob(os.path.join(work, "*.json"))):
        with open(jf) as f:
            data = json.load(f)
        for c in data["commands"]:
            yield os.path.basename(jf)[:-5], c


def chunks(items, n=300):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def mwasm_lines(mwasm, args, files):
    """Runs mwasm over files in chunks; returns stdout lines and stderr lines."""
    out, err = [], []
    for part in chunks(files):
        p = subprocess.run([mwasm] + args + part, capture_output=True, text=True)
        out += p.stdout.splitlines()
        err += p.stderr.splitlines()
    return out, err


def canonical(path):
    wat = subprocess.run(["wasm2wat", path], capture_output=True)
    if wat.returncode != 0:
        return False
    back = subprocess.run(["wat2wasm", "-", "-o", "/dev/stdout"], input=wat.stdout,
                          capture_output=True)
    with open(path, "rb") as f:
        return back.returncode == 0 and back.stdout == f.read()


def roundtrip(mwasm, spec, work):
    modules = [os.path.join(work, c["filename"]) for name, c in commands(work)
               if c["type"] == "module" and c["filename"].endswith(".wasm")]
    non_simd = [m for m in modules if not os.path.basename(m).startswith("simd")]
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        canon = {m for m, ok in zip(non_simd, pool.map(canonical, non_simd)) if ok}
    out, _ = mwasm_lines(mwasm, ["roundtrip", "--spec=" + spec], modules)
    result = {}
    for line in out:
        m = re.match(r"^(.*): (identical|stable|unstable|error)", line)
        if m:
            result[m.group(1)] = m.group(2)
    failed = 0
    identical = sum(1 for m in canon if result.get(m) == "identical")
    for m in sorted(canon):
        if result.get(m) != "identical":
            print(f"not identical: {m}: {result.get(m)}")
            failed += 1
    others = [m for m in modules if m not in canon]
    stable = sum(1 for m in others if result.get(m) in ("identical", "stable"))
    for m in others:
        if result.get(m) not in ("identical", "stable"):
            print(f"not stable: {m}: {result.get(m)}")
            failed += 1
    print(f"roundtrip: {len(non_simd)} non-SIMD modules, {len(canon)} canonical, "
          f"{identical} written back identical")
    print(f"roundtrip: {len(others)} other modules (SIMD or not canonical), {stable} stable")
    return 1 if failed else 0


SECTION_LINE = re.compile(r"^\s*(\w+) start=(0x[0-9a-f]+) end=(0x[0-9a-f]+) \(size=(0x[0-9a-f]+)\)"
                          r"(?: \"(.*)\")?")


def section_listings(cmd, files, title):
    """Runs cmd over files in chunks; parses per-file section lines (wasm-objdump -h format).
    `title` matches a file's title line, group 1 being the file name."""
    listings = {}
    for part in chunks(files):
        p = subprocess.run(cmd + part, capture_output=True, text=True)
        current = None
        for line in p.stdout.splitlines():
            m = re.match(title, line)
            if m:
                current = os.path.basename(m.group(1))  # wasm-objdump prints the base name
                listings[current] = []
                continue
            m = SECTION_LINE.match(line)
            if m and current:
                listings[current].append(m.groups())
    return listings


def objdump_sections(files):
    return section_listings(["wasm-objdump", "-h"], files, r"^(\S.*):\s+file format wasm")


def sections(mwasm, spec, work):
    files = [os.path.join(work, c["filename"]) for name, c in commands(work)
             if c.get("filename", "").endswith(".wasm") and c["type"] != "assert_malformed"]
    expected = objdump_sections(files)
    ours = section_listings([mwasm, "dump", "--sections", "--spec=" + spec], files,
                            r"^(.*\.wasm):$")
    by_name = {os.path.basename(f): f for f in files}
    # wasm-objdump with many files lists nothing for some after an earlier one failed: those
    # are asked again one by one; the ones wabt itself rejects are left out.
    unreadable = []
    for f, secs in list(expected.items()):
        if not secs and os.path.getsize(by_name[f]) > 8:
            again = objdump_sections([by_name[f]])
            if again.get(f):
                expected[f] = again[f]
            else:
                unreadable.append(f)
                del expected[f]

    def key(secs):
        # Names with control characters print differently (wabt stops at a NUL): compare
        # offsets and sizes always, names when they are plain text.
        return [s[:4] + ((s[4],) if s[4] and s[4].isprintable() and "\\" not in s[4] else ())
                for s in secs]

    compared = same = 0
    for f, secs in expected.items():
        if f not in ours:
            continue  # wabt reads it, we reject it (2.0 rules): counted below
        compared += 1
        if key(ours[f]) == key(secs):
            same += 1
        else:
            print(f"differs: {f}\n  objdump: {secs}\n  mwasm:   {ours[f]}")
    missing = [f for f in expected if f not in ours]
    for f in missing:
        print(f"not dumped: {f}")
    print(f"sections: {compared} modules compared with wasm-objdump -h, {same} the same, "
          f"{len(missing)} not dumped, {len(unreadable)} that wabt cannot read")
    return 0 if same == compared and not missing else 1


def malformed(mwasm, spec, work):
    cases = [(os.path.join(work, c["filename"]), c["text"]) for name, c in commands(work)
             if c["type"] == "assert_malformed" and c.get("module_type") == "binary"]
    errors = {}
    for part in chunks([f for f, _ in cases]):
        p = subprocess.run([mwasm, "dump", "--sections", "--spec=" + spec] + part,
                           capture_output=True, text=True)
        for line in p.stderr.splitlines():
            m = re.match(r"^(.*\.wasm):0x[0-9a-f]+: error: (.*)$", line)
            if m:
                errors[m.group(1)] = m.group(2)
    ok = 0
    for f, text in cases:
        if text in errors.get(f, "\0"):
            ok += 1
        else:
            print(f"wrong: {f}: expected '{text}', got '{errors.get(f)}'")
    print(f"malformed: {ok} of {len(cases)} binary modules rejected with the expected text")
    return 0 if ok == len(cases) else 1


def main():
    args = sys.argv[1:]
    if args[0] == "extract":
        return extract(args[1], args[2], "--enable-all" in args)
    cmd = args[0]
    mwasm = args[args.index("--mwasm") + 1]
    spec = args[args.index("--spec") + 1]
    work = args[-1]
    return {"roundtrip": roundtrip, "sections": sections, "malformed": malformed}[cmd](
        mwasm, spec, work)


if __name__ == "__main__":
    sys.exit(main())
