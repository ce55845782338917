#!/usr/bin/env bash
# Decoder benchmark: builds a large module (a generated C file of many functions, compiled by
# clang-14 --target=wasm32-wasi -O2, so function bodies dominate) and reports the MB/s of
#   - mwasm's binary reader alone (in-process, `mwasm decode-bench`, best of N),
#   - `mwasm dump --sections` as a whole process (start-up, file read, full decode),
#   - `mwasm validate` as a whole process (decode + validation), when that command exists,
#   - wabt's `wasm-validate` as a whole process (start-up, file read, decode, validation),
# all measured in this run on the same file, best CPU time (user + sys) of N runs each. The generated module is kept
# in build/bench/ for later runs.
#   usage: bench/decode.sh [--runs N] [--functions N] [--mwasm PATH] [FILE.wasm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mwasm="$root/build/bin/mwasm"
runs=10
functions=3000
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --functions) functions=$2; shift 2 ;;
    --mwasm) mwasm=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) file=$1; shift ;;
  esac
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ -z "$file" ] && [ -f "$root/build/bench/decode-$functions.wasm" ]; then
  file="$root/build/bench/decode-$functions.wasm"  # built by an earlier run (deterministic)
fi
if [ -z "$file" ]; then
  # A deterministic C file: each function mixes integer and float arithmetic, loops, a switch,
  # memory accesses through arrays and calls to earlier functions.
  python3 - "$functions" > "$out/big.c" <<'PY'
import random, sys
n = int(sys.argv[1])
rng = random.Random(1)
print("static int a[1024]; static double d[256];")
for i in range(n):
    callee = f"f{rng.randrange(i)}(x ^ {rng.randrange(100)}, y)" if i else "x"
    k = rng.randrange(1, 30)
    print(f"""__attribute__((noinline)) int f{i}(int x, int y) {{
  int s = {rng.randrange(1000)};
  for (int j = 0; j < (y & {k}); ++j) {{
    s += a[(x + j) & 1023] * {rng.randrange(1, 9)} - (s >> {rng.randrange(1, 7)});
    d[j & 255] = d[(j + {k}) & 255] * {rng.random():.3f} + s;
    switch ((s ^ j) & 7) {{
      case 0: s ^= x << 3; break;
      case 1: s += (int)d[(s + j) & 255]; break;
      case 3: s -= y * {rng.randrange(2, 50)}; break;
      case 5: a[s & 1023] = s; break;
      default: s = s * 31 + j;
    }}
  }}
  if (s > {rng.randrange(10000)}) s = {callee};
  return s + (int)(d[x & 255] / {rng.randrange(2, 9)}.0);
}}""")
PY
  clang-14 --target=wasm32-wasi -O2 -nostdlib -Wl,--no-entry -Wl,--export-all \
    "$out/big.c" -o "$out/big.wasm"
  mkdir -p "$root/build/bench"
  cp "$out/big.wasm" "$root/build/bench/decode-$functions.wasm"
  file="$root/build/bench/decode-$functions.wasm"
fi

bytes=$(stat -c %s "$file")
echo "module: $bytes bytes, $( "$mwasm" dump --sections "$file" | grep -o 'Function.*count: [0-9]*' | grep -o '[0-9]*$') functions"

# Best CPU time (user + sys of the child) of N runs of a command, in seconds: on a shared
# machine CPU time varies far less than wall-clock time.
best_time() {
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys
runs = int(sys.argv[1]); cmd = sys.argv[2:]
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
best = None
for _ in range(runs):
    t0 = cpu()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    t = cpu() - t0
    best = t if best is None else min(best, t)
print(f"{best:.6f}")
PY
}

ours_line=$("$mwasm" decode-bench -n "$runs" "$file")
ours_mbs=$(echo "$ours_line" | grep -o '[0-9.]* MB/s' | grep -o '^[0-9.]*')
dump_s=$(best_time "$mwasm" dump --sections "$file")
valid_s=0
if "$mwasm" validate --help >/dev/null 2>&1; then
  valid_s=$(best_time "$mwasm" validate "$file")
fi
wabt_s=$(best_time wasm-validate "$file")
python3 - "$bytes" "$ours_mbs" "$dump_s" "$valid_s" "$wabt_s" <<'PY'
import sys
size = int(sys.argv[1])
ours, dump_s, valid_s, wabt_s = map(float, sys.argv[2:])
mb = size / 1e6
wabt = mb / wabt_s
def row(label, mbs):
    print(f"{label:<40} {mbs:8.1f} MB/s   {mbs / wabt:5.2f}x wasm-validate")
row("mwasm reader (in-process decode)", ours)
row("mwasm dump --sections (whole process)", mb / dump_s)
if valid_s > 0:
    row("mwasm validate (whole process)", mb / valid_s)
row("wasm-validate (whole process)", wabt)
PY
