#!/usr/bin/env bash
# Builds everything (tools, the wasm package, the page's generated files) and serves the
# calculator on localhost: www/ at /, pkg/ at /pkg/. Options go to scripts/serve.mjs
# (--port N, --host H); PORT=N works too.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build-wasm.sh
exec node scripts/serve.mjs "$@"
