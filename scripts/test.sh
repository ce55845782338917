#!/usr/bin/env bash
# Sets up a fresh machine, builds the Release and the ASan+UBSan trees, and runs every test
# (unit, lit, spec expectations), after 60 s of fuzzing the reader and validator (fuzz/run.sh,
# which fails the run on a crash). Ends with one line `N passed, N failed`.
# usage: scripts/test.sh [--release-only]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
builds=(build)
if [ "${1:-}" != "--release-only" ]; then
  bash scripts/build.sh asan
  builds+=(build-asan)
  bash fuzz/run.sh --seconds 60  # reader + validator under libFuzzer; a crash fails the run
fi
python3 test/run_all.py "${builds[@]}"
