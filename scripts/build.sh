#!/usr/bin/env bash
# Configures and builds one build tree. usage: build.sh [release|asan] (default release)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
export CC=${CC:-clang-14} CXX=${CXX:-clang++-14}
case "$kind" in
  release) dir=build; flags=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DMINICC_SANITIZE=ON) ;;
  *) echo "usage: $0 [release|asan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
cmake --build "$dir"
