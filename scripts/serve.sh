#!/usr/bin/env bash
# Builds everything (tools, the wasm package, the site in dist/) and serves dist/ on
# localhost as a static host would (scripts/serve.mjs: compression, ETags, _headers).
# Options go to scripts/serve.mjs (--port N, --host H); PORT=N works too.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build-site.sh
exec node scripts/serve.mjs --dir dist "$@"
