#!/usr/bin/env python3
"""Runs `mwasm validate` over every module of the spec test suites, extracted with wabt's
wast2json (cached in the build directory), and checks the validator's verdicts:

  * every `assert_invalid` module must be rejected, with a message containing the suite's text;
  * every other module (`module`, `assert_unlinkable`, `assert_uninstantiable`) must be valid.

Groups: all of testsuite-2.0 (validated with --spec=2.0), and the multi-memory, memory64 and
tail-call groups of the 3.0 testsuite (--spec=3.0; see its GROUPS.md). Files wast2json cannot
convert are counted and listed, not checked here (they count only through `mwasm wast`).
Modules wast2json writes as text (`module quote`) are skipped likewise until the text parser
exists. `assert_malformed` modules are the reader's business (test/spec), not checked here.

usage: run_suite.py --mwasm BIN/mwasm --out DIR --testsuite DIR --testsuite20 DIR [-v]
                    [--reference wasm-validate]
Prints the counts and exits 1 if any module got the wrong verdict or message.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

GROUPS_3 = ["multi-memory", "memory64", "tail-call"]

# assert_invalid modules whose binary, as wast2json writes it, no longer carries what makes
# them invalid in the way the suite says; they must still be rejected, but the suite's text
# cannot be expected (they get it through `mwasm wast` once the text parser exists).
CONVERSION_ARTIFACTS = {
    # `(select (result) ...)`: wast2json drops the empty annotation and writes plain `select`
    # (0x1B), which is a stack underflow ("type mismatch"), not "invalid result arity".
    "2.0/select/select.2.wasm",
}
FLAGS = {
    "2.0": [],
    "multi-memory": ["--enable-multi-memory"],
    "memory64": ["--enable-memory64", "--enable-multi-memory"],
    "tail-call": ["--enable-tail-call"],
}


def group_files(testsuite, group):
    """The .wast files of a group, from GROUPS.md."""
    text = open(os.path.join(testsuite, "GROUPS.md")).read()
    m = re.search(r"^## " + re.escape(group) + r" \(\d+ files\)\n(.*?)\n", text, re.M | re.S)
    if not m:
        sys.exit(f"run_suite: group {group} not found in GROUPS.md")
    return [os.path.join(testsuite, name) for name in m.group(1).split()]


def convert(wast, out_dir, flags):
    """wast2json into out_dir (cached); the parsed JSON or None if wast2json fails."""
    stem = os.path.splitext(os.path.basename(wast))[0]
    json_path = os.path.join(out_dir, stem + ".json")
    failed_marker = json_path + ".failed"
    if os.path.exists(failed_marker) and os.path.getmtime(failed_marker) >= os.path.getmtime(wast):
        return None
    if not (os.path.exists(json_path) and os.path.getmtime(json_path) >= os.path.getmtime(wast)):
        os.makedirs(out_dir, exist_ok=True)
        p = subprocess.run(["wast2json"] + flags + [wast, "-o", json_path],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            open(failed_marker, "w").close()
            return None
    with open(json_path) as f:
        return json.load(f)


def collect(doc, out_dir):
    """(path, expected_text or None) for every module to check; plus skipped text modules."""
    mods, skipped = [], 0
    for cmd in doc["commands"]:
        kind = cmd["type"]
        if kind == "module":
            fn, text = cmd.get("filename"), None
        elif kind in ("assert_unlinkable", "assert_uninstantiable"):
            fn, text = cmd.get("filename"), None
        elif kind == "assert_invalid":
            fn, text = cmd.get("filename"), cmd["text"]
        else:
            continue
        if not fn:
            continue
        if not fn.endswith(".wasm"):
            skipped += 1
            continue
        mods.append((os.path.join(out_dir, fn), text))
    return mods, skipped


def validate(mwasm, spec, paths):
    """{path: (valid, message)} from one mwasm run per chunk of files."""
    verdict = {}
    for i in range(0, len(paths), 400):
        chunk = paths[i:i + 400]
        p = subprocess.run([mwasm, "validate", "--spec=" + spec] + chunk, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, errors="replace")
        known = set(chunk)
        for line in (p.stdout + p.stderr).splitlines():
            path = line.split(":", 1)[0]
            if path not in known:
                continue  # continuation of a message (names may hold newlines)
            rest = line[len(path) + 1:].strip()
            verdict[path] = (rest == "valid", rest)
        for path in chunk:
            verdict.setdefault(path, (False, "(no output: mwasm crashed?) rc=%d" % p.returncode))
    return verdict


def reference(tool, group, spec, mods):
    """The same counts for a reference validator (wabt's wasm-validate), one file at a time."""
    flags = FLAGS[group] + (["--enable-all"] if spec == "3.0" else [])
    valid = valid_ok = invalid = rejected = text_ok = 0
    for path, text in mods:
        p = subprocess.run([tool] + flags + [path], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
        if text is None:
            valid += 1
            valid_ok += p.returncode == 0
        else:
            invalid += 1
            rejected += p.returncode != 0
            text_ok += p.returncode != 0 and text in p.stdout
    print(f"reference {os.path.basename(tool)} on {group}: valid {valid_ok}/{valid}, invalid "
          f"rejected {rejected}/{invalid}, with the suite's text {text_ok}/{invalid}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mwasm", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--testsuite", required=True)
    ap.add_argument("--testsuite20", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--reference", help="also run this validator (wasm-validate) for comparison")
    args = ap.parse_args()

    jobs = [("2.0", "2.0", sorted(glob.glob(os.path.join(args.testsuite20, "*.wast"))))]
    for g in GROUPS_3:
        jobs.append((g, "3.0", group_files(args.testsuite, g)))

    totals = dict(valid=0, valid_ok=0, invalid=0, invalid_rejected=0, invalid_text=0,
                  unconverted=0, text_skipped=0, artifacts=0)
    problems = []
    for group, spec, wasts in jobs:
        out_root = os.path.join(args.out, group)
        mods = []
        for wast in wasts:
            stem = os.path.splitext(os.path.basename(wast))[0]
            out_dir = os.path.join(out_root, stem)
            doc = convert(wast, out_dir, FLAGS[group])
            if doc is None:
                totals["unconverted"] += 1
                problems.append(f"unconverted: {group}/{os.path.basename(wast)} "
                                "(wast2json cannot convert it)")
                continue
            m, skipped = collect(doc, out_dir)
            mods += m
            totals["text_skipped"] += skipped
        verdict = validate(args.mwasm, spec, [p for p, _ in mods])
        if args.reference:
            reference(args.reference, group, spec, mods)
        before = dict(totals)
        for path, text in mods:
            ok, msg = verdict[path]
            rel = os.path.relpath(path, args.out)
            if text is None:
                totals["valid"] += 1
                if ok:
                    totals["valid_ok"] += 1
                else:
                    problems.append(f"FAIL valid module rejected: {rel}: {msg}")
            else:
                totals["invalid"] += 1
                if ok:
                    problems.append(f"FAIL invalid module accepted: {rel} (expected \"{text}\")")
                    continue
                totals["invalid_rejected"] += 1
                if text in msg:
                    totals["invalid_text"] += 1
                elif rel in CONVERSION_ARTIFACTS:
                    totals["artifacts"] += 1
                    problems.append(f"conversion artifact: {rel}: expected \"{text}\", "
                                    f"got: {msg}")
                else:
                    problems.append(f"FAIL wrong message: {rel}: expected \"{text}\", got: {msg}")

        d = {k: totals[k] - before[k] for k in totals}
        print(f"{group} (--spec={spec}): valid {d['valid_ok']}/{d['valid']}, invalid rejected "
              f"{d['invalid_rejected']}/{d['invalid']}, with the suite's text "
              f"{d['invalid_text']}/{d['invalid']}")

    fails = [p for p in problems if p.startswith("FAIL")]
    for p in (problems if args.verbose else fails):
        print(p)
    t = totals
    print(f"valid modules accepted: {t['valid_ok']}/{t['valid']}")
    print(f"invalid modules rejected: {t['invalid_rejected']}/{t['invalid']}, "
          f"with the suite's text: {t['invalid_text']}/{t['invalid']}")
    print(f"rejected with another message because of the wast2json conversion: "
          f"{t['artifacts']}")
    print(f"not checked here: {t['unconverted']} files wast2json cannot convert, "
          f"{t['text_skipped']} text-format modules")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
