#!/usr/bin/env bash
# Builds the deployable site into dist/ (or --out DIR): the wasm package, then the page,
# the widget and the policy texts with content-hashed names, .br and .gz beside each,
# _headers and the service worker (scripts/build-site.mjs). Upload dist/ to any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build-wasm.sh >/dev/null
exec node scripts/build-site.mjs "$@"
