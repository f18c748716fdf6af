#!/usr/bin/env bash
# Builds lingpao and shows an estimate. (The calculator page comes with the wasm issue;
# until then this is the command-line calculator.)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo build --release --locked --bin lingpao
echo '{"region":"tianjin","as_of":"2022-06-30","achievements":[{"kind":"standard","level":"national","action":"formulate","role":"lead","count":2}]}' \
  | ./target/release/lingpao estimate
echo "Try: ./target/release/lingpao explain beijing   |   ./target/release/lingpao regions"
