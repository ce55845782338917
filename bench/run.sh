#!/usr/bin/env bash
# Runs the benchmark programs natively (gcc -O2), on mwasm, and on node (Liftoff only, and the
# default tiers), printing each time and the speed relative to native (native_time / time; 1.0
# = native speed), then the geometric mean per engine. All in one run, so ratios compare
# like with like on a noisy machine. Times are CPU seconds (user + sys) of the whole process,
# start-up included: on a shared machine they vary far less than wall-clock times.
#   usage: bench/run.sh [--runs N] [--checks] [--mwasm PATH] [--alt PATH] [PROGRAM...]
#   --runs N   time each run N times and take the median (default 1)
#   --checks   also run mwasm with explicit bounds checks instead of guard pages
#   --alt PATH also run a second mwasm binary (column mwasm-alt), e.g. one built by another
#              compiler, so that both are compared in one run
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
mwasm="$root/build/bin/mwasm"
runs=1
checks=0
alt=""
progs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --checks) checks=1; shift ;;
    --mwasm) mwasm=$2; shift 2 ;;
    --alt) alt=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) progs+=("$1"); shift ;;
  esac
done
[ ${#progs[@]} -eq 0 ] && progs=(crc32 sha256 nbody matmul sieve qsort vm coremark)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for p in "${progs[@]}"; do
  gcc -O2 "$here/$p.c" -o "$out/$p" -lm
  clang-14 --target=wasm32-wasi -fuse-ld=lld -O2 "$here/$p.c" -o "$out/$p.wasm" -lm
done

# time_of CMD...: median CPU time (user + sys) in seconds over $runs runs; the output goes to
# $out/last.
time_of() {
  local ts=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%U %S" -o "$out/time" "$@" >"$out/last" 2>&1 ||
      { echo "FAILED: $*" >&2; cat "$out/last" >&2; echo 1; return; }
    ts+=("$(awk '{print $1 + $2}' "$out/time")")
  done
  printf '%s\n' "${ts[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

engines=("mwasm" "node-liftoff" "node")
[ "$checks" = 1 ] && engines=("mwasm" "mwasm-checks" "node-liftoff" "node")
[ -n "$alt" ] && engines=("mwasm" "mwasm-alt" "${engines[@]:1}")
printf '%-8s %9s' program native
for e in "${engines[@]}"; do printf ' %14s %7s' "$e" ratio; done
echo
declare -A logsum
for e in "${engines[@]}"; do logsum[$e]=0; done
for p in "${progs[@]}"; do
  tn=$(time_of "$out/$p")
  expect=$(cat "$out/last")
  printf '%-8s %8.3fs' "$p" "$tn"
  for e in "${engines[@]}"; do
    case "$e" in
      mwasm) t=$(time_of "$mwasm" run "$out/$p.wasm") ;;
      mwasm-alt) t=$(time_of "$alt" run "$out/$p.wasm") ;;
      mwasm-checks) t=$(time_of "$mwasm" run --bounds-checks "$out/$p.wasm") ;;
      node-liftoff) t=$(time_of node --no-warnings --liftoff --no-wasm-tier-up "$here/node_wasi.mjs" "$out/$p.wasm") ;;
      node) t=$(time_of node --no-warnings "$here/node_wasi.mjs" "$out/$p.wasm") ;;
    esac
    if [ "$(cat "$out/last")" != "$expect" ]; then echo " output mismatch on $e:" >&2; cat "$out/last" >&2; fi
    r=$(echo "$tn / $t" | bc -l)
    logsum[$e]=$(echo "${logsum[$e]} + l($r)" | bc -l)
    printf ' %13.3fs %7.3f' "$t" "$r"
  done
  echo
done
printf '%-8s %9s' geomean ""
for e in "${engines[@]}"; do
  printf ' %14s %7.3f' "" "$(echo "e(${logsum[$e]} / ${#progs[@]})" | bc -l)"
done
echo
