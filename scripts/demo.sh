#!/usr/bin/env bash
# Sets up a fresh machine, builds minicc and mwasm, and shows a sample at work.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
wat2wasm samples/add.wat -o build/add.wasm
build/bin/mwasm dump build/add.wasm
