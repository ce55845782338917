#!/usr/bin/env bash
# Installs every build and test dependency of minicc from Debian's packages.
# Idempotent: packages already present are skipped; runs as root (no sudo).
set -euo pipefail

PKGS=(
  cmake ninja-build g++ make python3
  libgtest-dev libgmock-dev libcli11-dev libfmt-dev
  llvm-14-tools clang-14 lld-14 libclang-rt-14-dev libclang-rt-14-dev-wasm32
  wasi-libc wabt nodejs csmith libcsmith-dev
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all dependencies present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages (${missing[*]}) and not root; install them and re-run" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# nodejs may already be present from a non-Debian install (node on PATH); keep it then.
if command -v node >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs/}")
fi
apt-get install -y -qq --no-install-recommends ${missing[@]} >/dev/null
echo "setup: done"
