#!/usr/bin/env bash
# Builds the engine, every policy embedded, to WebAssembly and writes the JS glue into
# pkg/wasm/. The machine has no wasm32 std from rustup: Debian's rustc-web builds std
# from its sources (-Zbuild-std), linked with rustup's rust-lld (../shared/toolchain/wasm.md).
set -euo pipefail
cd "$(dirname "$0")/.."
LLD="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
# opt-level s, measured (bench/wasm.mjs; cold start and per call A/B in one process):
# z is twice as slow per call; 2 is 37% faster per call but cold start in Node goes from
# 19 to 27 ms (V8 compiles more code on the first call) for +16 KB gzip; 3 on this crate
# alone is 28% faster, cold start 20 to 33 ms, +8 KB gzip.
# LINGPAO_WASM_OPT_LEVEL and LINGPAO_WASM_CARGO_ARGS (e.g.
# "--config profile.release.package.lingpao.opt-level=3") reproduce those builds.
# Panic immediate-abort and std's optimize_for_size: -59 KB raw, -22 KB gzip, speed
# unchanged within noise. No message is lost: std on wasm32-unknown-unknown never
# printed one, and a panic trapped (`unreachable`) before too.
CARGO_PROFILE_RELEASE_OPT_LEVEL=${LINGPAO_WASM_OPT_LEVEL:-s} CARGO_PROFILE_RELEASE_PANIC=immediate-abort \
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LLD" \
  cargo build --release --locked --lib --target wasm32-unknown-unknown ${LINGPAO_WASM_CARGO_ARGS:-} \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -Zpanic-immediate-abort \
  --target-dir target-wasm
wasm-bindgen --target web --out-dir pkg/wasm --out-name lingpao \
  target-wasm/wasm32-unknown-unknown/release/lingpao.wasm
if [ -x node_modules/.bin/wasm-opt ]; then
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    pkg/wasm/lingpao_bg.wasm -o pkg/wasm/lingpao_bg.wasm
fi
ls -l pkg/wasm/lingpao_bg.wasm
