#!/usr/bin/env bash
# Every test of the project, on a fresh machine or an old one: installs what it needs
# (idempotently), then runs the Rust tests (engine, data cases, quotes, CLI, bad input
# and property tests, docs freshness).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cargo test --locked --all-targets 2>&1 | tee /tmp/lingpao-test.log
# One closing line that counts every test run above.
awk '/^test result:/ { p += $4; f += $6 } END { printf "lingpao: %d passed, %d failed\n", p, f }' /tmp/lingpao-test.log
