#!/usr/bin/env bash
# Builds the engine, every policy embedded, to WebAssembly and writes the JS glue into
# pkg/wasm/. The machine has no wasm32 std from rustup: Debian's rustc-web builds std
# from its sources (-Zbuild-std), linked with rustup's rust-lld (../shared/toolchain/wasm.md).
set -euo pipefail
cd "$(dirname "$0")/.."
LLD="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
# Optimisation (the measurements are in docs/performance.md): std and the dependencies
# at opt-level s, this crate at 2 (a call 41% faster for +1.5 KB); panics abort without
# unwinding code; LLVM's inlining in this crate held to a threshold of 50 (-5.7 KB
# brotli). LINGPAO_WASM_OPT_LEVEL, LINGPAO_WASM_CRATE_OPT_LEVEL,
# LINGPAO_WASM_INLINE_THRESHOLD (empty: LLVM's default) and LINGPAO_WASM_CARGO_ARGS
# reproduce the other builds measured.
threshold=${LINGPAO_WASM_INLINE_THRESHOLD-50}
inline=()
if [ -n "$threshold" ]; then
  inline=(-Zprofile-rustflags --config "profile.release.package.lingpao.rustflags=[\"-Cllvm-args=-inline-threshold=$threshold\"]")
fi
# Two modules of the one crate: the estimator (the regional policies) and, with the
# feature national-module, the national module (the SME tiers and the 2022 registers),
# which the page loads when its SME tab first opens (src/wasm.rs).
build() { # FEATURES OUT_NAME
  CARGO_PROFILE_RELEASE_OPT_LEVEL=${LINGPAO_WASM_OPT_LEVEL:-s} CARGO_PROFILE_RELEASE_PANIC=immediate-abort \
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LLD" \
    cargo build --release --locked --lib --target wasm32-unknown-unknown \
    --config "profile.release.package.lingpao.opt-level=${LINGPAO_WASM_CRATE_OPT_LEVEL:-2}" "${inline[@]}" ${LINGPAO_WASM_CARGO_ARGS:-} \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -Zpanic-immediate-abort \
    --target-dir target-wasm ${1:+--features "$1"}
  wasm-bindgen --target web --out-dir pkg/wasm --out-name "$2" \
    target-wasm/wasm32-unknown-unknown/release/lingpao.wasm
  if [ -x node_modules/.bin/wasm-opt ]; then
    # No inlining of single-caller functions: wasm-opt otherwise folds each export's whole
    # call chain into its shim, which compresses worse.
    node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size=0 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "pkg/wasm/$2_bg.wasm" -o "pkg/wasm/$2_bg.wasm"
  fi
}
build "" lingpao
build national-module lingpao_national
ls -l pkg/wasm/lingpao_bg.wasm pkg/wasm/lingpao_national_bg.wasm
