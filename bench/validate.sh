#!/usr/bin/env bash
# Validation benchmark: MB/s of reading + validating one large module, for
#   - mwasm in-process (`mwasm validate-bench`: the reader and the validator timed separately),
#   - `mwasm validate FILE` as a whole process,
#   - wabt's `wasm-validate FILE` as a whole process (its reader + validator),
# all measured in this run on the same file. Whole processes are timed by their CPU time
# (user + sys, best of N), which is robust on a loaded machine; the ratio is the headline.
# The default module is the one bench/decode.sh generates (clang-14 -O2 output of a generated C
# file with 3000 functions, kept in build/bench/); it is built on first use.
#   usage: bench/validate.sh [--runs N] [--mwasm PATH] [FILE.wasm]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mwasm="$root/build/bin/mwasm"
runs=10
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --mwasm) mwasm=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) file=$1; shift ;;
  esac
done
if [ -z "$file" ]; then
  file="$root/build/bench/decode-3000.wasm"
  if [ ! -f "$file" ]; then
    if [ ! -f "$here/decode.sh" ]; then
      echo "bench/validate.sh: no module given and bench/decode.sh (which builds one) is missing" >&2
      exit 2
    fi
    bash "$here/decode.sh" --runs 1 --mwasm "$mwasm" > /dev/null
  fi
fi
command -v wasm-validate > /dev/null || { echo "bench/validate.sh: wasm-validate not found" >&2; exit 2; }

"$mwasm" validate "$file" > /dev/null  # must be valid, else the numbers mean nothing
"$mwasm" validate-bench -n "$runs" "$file"
python3 - "$runs" "$file" "$mwasm" <<'PY'
import os, resource, subprocess, sys
runs, path, mwasm = int(sys.argv[1]), sys.argv[2], sys.argv[3]
mb = os.path.getsize(path) / 1e6

def cpu(cmd):
    """Best CPU time (user + sys) of `runs` runs of cmd, in seconds."""
    best = float("inf")
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime))
    return best

# Interleave the two tools so that load changes hit both alike.
ours = min(cpu([mwasm, "validate", path]) for _ in range(2))
wabt = min(cpu(["wasm-validate", path]) for _ in range(2))
print(f"mwasm validate (whole process, CPU)  {mb / ours:8.1f} MB/s   {wabt / ours:5.2f}x wasm-validate")
print(f"wasm-validate  (whole process, CPU)  {mb / wabt:8.1f} MB/s    1.00x")
PY
