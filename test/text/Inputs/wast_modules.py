#!/usr/bin/env python3
"""Assembles the text modules of a spec test suite with `mwasm wat2wasm` and wabt's `wat2wasm`
and compares the bytes.

usage: wast_modules.py [-v] [--spec 2.0|3.0] --mwasm MWASM SUITE_DIR WORK_DIR

From every .wast of SUITE_DIR (read by a small s-expression scanner, not by our parser):
  - each top-level `(module ...)` in text form and each `(module quote ...)` outside
    assert_malformed: both tools assemble it (without validation); every module wabt accepts
    must be accepted by us, and the bytes are compared;
  - the text modules inside assert_invalid / assert_unlinkable / assert_trap / assert_exhaustion
    / assert_uninstantiable: the same comparison, counted apart;
  - each `(module quote ...)` of assert_malformed: we must reject it; the ones whose error message
    starts with the suite's expected text are counted (-v lists the others).
Prints counts; lists every mismatch; exits 1 on any failure (also when SUITE_DIR is missing:
then it prints "unavailable").
"""
import concurrent.futures
import glob
import os
import subprocess
import sys

JOBS = 2


def scan(text):
    """Top-level s-expressions of a .wast as nested lists of (kind, value, start, end)."""
    i, n = 0, len(text)
    stack = [[]]
    starts = []
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith(";;", i):
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
        elif text.startswith("(;", i):
            depth = 0
            while i < n:
                if text.startswith("(;", i):
                    depth += 1
                    i += 2
                elif text.startswith(";)", i):
                    depth -= 1
                    i += 2
                    if depth == 0:
                        break
                else:
                    i += 1
        elif c == "(":
            stack.append([])
            starts.append(i)
            i += 1
        elif c == ")":
            items = stack.pop()
            start = starts.pop()
            stack[-1].append(("list", items, start, i + 1))
            i += 1
        elif c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            stack[-1].append(("str", text[i:j + 1], i, j + 1))
            i = j + 1
        else:
            j = i
            while j < n and text[j] not in " \t\r\n()\";":
                j += 1
            j = max(j, i + 1)  # a lone ';' is a token of its own
            stack[-1].append(("atom", text[i:j], i, j))
            i = j
    return stack[0]


def unescape(s):
    """Bytes of a wast string literal."""
    out = bytearray()
    body = s[1:-1]
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = body[i + 1]
        simple = {"t": b"\t", "n": b"\n", "r": b"\r", '"': b'"', "'": b"'", "\\": b"\\"}
        if e in simple:
            out += simple[e]
            i += 2
        elif e == "u":
            j = body.index("}", i)
            out += chr(int(body[i + 3:j].replace("_", ""), 16)).encode("utf-8", "surrogatepass")
            i = j + 1
        else:
            out.append(int(body[i + 1:i + 3], 16))
            i += 3
    return bytes(out)


def head(node, k=0):
    if node[0] != "list" or len(node[1]) <= k or node[1][k][0] != "atom":
        return None
    return node[1][k][1]


def module_form(node):
    """'text', 'binary', 'quote' or 'instance' (a script command) for a (module ...) node."""
    for item in node[1][1:4]:
        if item[0] == "atom" and item[1] in ("binary", "quote", "instance"):
            return item[1]
    return "text"


def quote_text(node):
    return b" ".join(unescape(x[1]) for x in node[1] if x[0] == "str")


def collect(suite):
    """(file, line, kind, bytes-of-text, expected error) for every module to check."""
    jobs = []
    for path in sorted(glob.glob(os.path.join(suite, "*.wast"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for cmd in scan(text):
            line = text.count("\n", 0, cmd[2]) + 1
            h = head(cmd)
            if h == "module":
                form = module_form(cmd)
                if form == "text":
                    jobs.append((name, line, "top", text[cmd[2]:cmd[3]].encode("utf-8"), None))
                elif form == "quote":
                    jobs.append((name, line, "top", quote_text(cmd), None))
            elif h in ("assert_invalid", "assert_unlinkable", "assert_trap", "assert_exhaustion",
                       "assert_uninstantiable"):
                inner = cmd[1][1]
                if head(inner) == "module" and module_form(inner) == "text":
                    jobs.append((name, line, "assert", text[inner[2]:inner[3]].encode("utf-8"),
                                 None))
            elif h == "assert_malformed":
                inner = cmd[1][1]
                if head(inner) == "module" and module_form(inner) == "quote":
                    expected = unescape(cmd[1][2][1]).decode("utf-8", "replace")
                    jobs.append((name, line, "malformed", quote_text(inner), expected))
    return jobs


def run(args):
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def main():
    argv = sys.argv[1:]
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    spec = []
    if "--spec" in argv:
        i = argv.index("--spec")
        spec = ["--spec", argv[i + 1]]
        del argv[i:i + 2]
    mwasm = argv[argv.index("--mwasm") + 1]
    rest = [a for i, a in enumerate(argv) if a != "--mwasm" and (i == 0 or argv[i - 1] != "--mwasm")]
    suite, work = rest
    if not os.path.isdir(suite) or not glob.glob(os.path.join(suite, "*.wast")):
        print(f"wast-modules: suite {suite} unavailable")
        return 1
    os.makedirs(work, exist_ok=True)
    jobs = collect(suite)

    def one(k):
        name, line, kind, src, _ = jobs[k]
        wat = os.path.join(work, f"{k}.wat")
        with open(wat, "wb") as f:
            f.write(src)
        ours_out, wabt_out = os.path.join(work, f"{k}.m.wasm"), os.path.join(work, f"{k}.w.wasm")
        rc, err = run([mwasm, "wat2wasm", "--no-check"] + spec + [wat, "-o", ours_out])
        if kind == "malformed":
            return k, rc != 0, None, err
        # wabt's default features first: with --enable-all, wabt 1.0.32 requires the table
        # index of table.get/set/size/grow/fill; the rest (memory64, multi-memory, tail
        # calls, extended const) needs --enable-all.
        wrc, _ = run(["wat2wasm", "--no-check", wat, "-o", wabt_out])
        if wrc != 0:
            wrc, _ = run(["wat2wasm", "--enable-all", "--no-check", wat, "-o", wabt_out])
        same = None
        if rc == 0 and wrc == 0:
            with open(ours_out, "rb") as a, open(wabt_out, "rb") as b:
                same = a.read() == b.read()
        return k, rc == 0, wrc == 0, (err, same)

    # Modules where wabt 1.0.32 is wrong and our bytes are the spec's (not failures).
    WABT_WRONG = {
        ("comments.wast", 83): "wabt does not end a line comment at a lone CR (f2 must return 2)",
        ("select.wast", 323): "wabt writes `select (result)` as a plain select; the spec's parser "
                              "keeps a typed select with no types (0x1c 0x00), invalid result arity",
    }
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        results = list(pool.map(one, range(len(jobs))))

    failed = False
    for kind, label in (("top", "top-level modules"), ("assert", "modules of assertions")):
        total = ours_ok = wabt_ok = identical = 0
        for k, ok, wok, (err, same) in (r for r in results if jobs[r[0]][2] == kind):
            name, line = jobs[k][0], jobs[k][1]
            total += 1
            ours_ok += ok
            wabt_ok += wok
            if wok and not ok:
                failed = True
                print(f"REJECTED {name}:{line} ({k}.wat): {err.strip().splitlines()[0] if err else ''}")
            if same:
                identical += 1
            elif ok and wok and (os.path.basename(name), line) in WABT_WRONG:
                print(f"DIFFERENT {name}:{line} ({k}.wat), known: "
                      f"{WABT_WRONG[(os.path.basename(name), line)]}")
            elif ok and wok:
                failed = True
                print(f"DIFFERENT {name}:{line} ({k}.wat)")
        print(f"wast-modules: {label}: {total} modules, wabt accepts {wabt_ok}, we accept "
              f"{ours_ok}, {identical} identical")
    mal = [r for r in results if jobs[r[0]][2] == "malformed"]
    rejected = sum(1 for r in mal if r[1])
    # The message is the first line of the error, after "error: ".
    with_text = 0
    for k, ok, _, err in mal:
        if not ok:
            failed = True
            print(f"ACCEPTED MALFORMED {jobs[k][0]}:{jobs[k][1]} ({k}.wat)")
            continue
        first = err.splitlines()[0] if err else ""
        message = first.split("error: ", 1)[1] if "error: " in first else first
        if message.startswith(jobs[k][4]):
            with_text += 1
        elif verbose:
            print(f"MESSAGE {jobs[k][0]}:{jobs[k][1]} ({k}.wat): expected "
                  f"'{jobs[k][4]}', got '{message}'")
    print(f"wast-modules: malformed quote modules: {len(mal)}, {rejected} rejected, "
          f"{with_text} with the expected message")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
