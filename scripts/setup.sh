#!/usr/bin/env bash
# Installs everything building and testing lingpao needs, idempotently: each step is
# skipped when what it installs is already there.
#  - Debian: rustc-web + rust-web-src (a Rust that can build std for wasm32, see
#    ../shared/toolchain/wasm.md), chromium + chromium-driver (browser tests),
#    fonts-noto-cjk (Chinese in screenshots)
#  - wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock
#  - npm dev tools from package-lock.json (wasm-opt, Vite, playwright-core, TypeScript)
#  - the crates of Cargo.lock
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo (the machine's rustup toolchain) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: node and npm are required" >&2; exit 1; }

debs=(rustc-web rust-web-src chromium chromium-driver fonts-noto-cjk)
missing=()
for d in "${debs[@]}"; do dpkg -s "$d" >/dev/null 2>&1 || missing+=("$d"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The wasm budgets (docs/performance.md) were measured with this rustc-web: another
# version builds, but its size and speed may differ from the figures there.
measured_rustc="1.96.0"
have_rustc=$(/usr/bin/rustc --version 2>/dev/null | awk '{print $2}')
if [ "$have_rustc" != "$measured_rustc" ]; then
  echo "setup: note: Debian's rustc-web is ${have_rustc:-missing}, the wasm budgets were measured with $measured_rustc;" \
    "sizes and speeds may differ (tests/js/size.test.mjs checks the size budget)" >&2
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (have: ${have:-none})"
  # Without --locked: the registry mirror lacks one pinned dependency of the CLI.
  cargo install -q wasm-bindgen-cli --version "$want"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo fetch --locked >/dev/null
