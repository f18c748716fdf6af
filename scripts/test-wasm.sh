#!/usr/bin/env bash
# wasm-bindgen-test: tests/web.rs compiled to wasm32 and run in Node, then in headless
# Chromium (Debian's chromium + chromedriver; options in webdriver.json).
set -euo pipefail
cd "$(dirname "$0")/.."
LLD="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
run() {
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LLD" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --locked --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
    --target-dir target-wasm --test web "$@"
}
echo "== wasm-bindgen-test in Node"
run
echo "== wasm-bindgen-test in Node, the national module"
run --features national-module
echo "== wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver run
