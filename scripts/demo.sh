#!/usr/bin/env bash
# Sets up a fresh machine, builds minicc and mwasm, and shows a sample at work: compiles
# samples/hello.mc and runs it on the interpreter (minicc --run), then writes a .wasm file and
# validates it with mwasm.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh release
build/bin/minicc --run samples/hello.mc
build/bin/minicc -O1 samples/factorial.mc -o build/factorial.wasm
build/bin/mwasm validate build/factorial.wasm
build/bin/minicc --run samples/factorial.mc --invoke factorial 10
