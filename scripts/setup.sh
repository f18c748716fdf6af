#!/usr/bin/env bash
# Installs what building and testing lingpao needs, and nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo >/dev/null; then
  echo "setup: cargo is required (the machine's rustup toolchain)" >&2
  exit 1
fi
cargo fetch --locked >/dev/null
