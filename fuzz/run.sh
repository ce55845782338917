#!/usr/bin/env bash
# Builds the libFuzzer target (build-fuzz/, clang-14 -fsanitize=fuzzer,address), generates its
# seed corpus from the spec test suite's binaries (wast2json output, in build-fuzz/), and runs
# it for N seconds (default 60). Exits non-zero on any crash, leak or property violation;
# ends with one line `fuzz: N runs, 0 crashes` on success.
#   usage: fuzz/run.sh [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "usage: fuzz/run.sh [--seconds N]" >&2; exit 2 ;;
  esac
done
dir=build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMINICC_FUZZ=ON -DMINICC_BUILD_TESTS=OFF >/dev/null
cmake --build "$dir" --target validate_fuzzer >/dev/null

suite=$(sed -n 's/^MINICC_TESTSUITE20_DIR:PATH=//p' "$dir/CMakeCache.txt")
seeds="$dir/fuzz-seeds"
if [ ! -f "$seeds/.done" ]; then
  rm -rf "$seeds" && mkdir -p "$seeds/json"
  for wast in "$suite"/*.wast; do
    name=$(basename "$wast" .wast)
    wast2json "$wast" -o "$seeds/json/$name.json" >/dev/null 2>&1 || true
  done
  find "$seeds/json" -name '*.wasm' -size -64k -exec mv {} "$seeds/" \;
  rm -rf "$seeds/json"
  touch "$seeds/.done"
fi
corpus="$dir/fuzz-corpus"
mkdir -p "$corpus"
echo "fuzz: $(ls "$seeds" | wc -l) seed modules, running validate_fuzzer for ${seconds}s"
log="$dir/fuzz.log"
if ! "$dir/bin/validate_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/" "$corpus" "$seeds" >"$log" 2>&1; then
  tail -40 "$log"
  echo "fuzz: CRASH (input saved under $dir/, log in $log)"
  exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz: ${runs:-?} runs, 0 crashes"
