#!/usr/bin/env bash
# Every test of the project. Installs what it needs first (idempotently), then:
#  1. Rust: engine, data cases, quotes, limits, CLI, bad input + property tests, docs;
#  2. the wasm build, then the npm package in Node: API, wasm/native parity on every
#     case, npm pack + Node ESM + TypeScript + a Vite build in headless Chromium;
#  3. wasm-bindgen-test inside wasm, in Node and in headless Chromium;
#  4. the calculator page and widget in headless Chromium, on the site as it deploys
#     (built into a temporary folder), its releases and its server (tests/browser/).
set -uo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh || exit 1
log=$(mktemp)
status=0
cargo test --locked --all-targets 2>&1 | tee -a "$log" || status=1
./scripts/build-wasm.sh || exit 1
node --test tests/js/ 2>&1 | tee -a "$log" || status=1
./scripts/test-wasm.sh 2>&1 | tee -a "$log" || status=1
node --test tests/browser/ 2>&1 | tee -a "$log" || status=1
# One closing line counting every test above (cargo's and node's runners).
awk '/^test result:/ { p += $4; f += $6 } /^# pass / { p += $3 } /^# fail / { f += $3 }
     END { printf "lingpao: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $status
