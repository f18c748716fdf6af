#!/usr/bin/env bash
# Builds the engine, every policy embedded, to WebAssembly and writes the JS glue into
# pkg/wasm/. The machine has no wasm32 std from rustup: Debian's rustc-web builds std
# from its sources (-Zbuild-std), linked with rustup's rust-lld (../shared/toolchain/wasm.md).
set -euo pipefail
cd "$(dirname "$0")/.."
LLD="$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
# Optimisation, measured (bench/wasm.mjs; per call and cold start A/B in one process):
# std and the dependencies at opt-level s (z is twice as slow per call); this crate, the
# engine and the JSON writer, at 2: a wasm call 41% faster (48 -> 28 us) for +1.5 KB
# gzip, cold start unchanged within noise. 3 gives no more speed and +3 KB; the whole
# build at 2 made V8's lazy compile of the first call slower (cold start 19 -> 27 ms).
# LINGPAO_WASM_OPT_LEVEL, LINGPAO_WASM_CRATE_OPT_LEVEL and LINGPAO_WASM_CARGO_ARGS
# reproduce the other builds.
# Panic immediate-abort and std's optimize_for_size: -59 KB raw, -22 KB gzip, speed
# unchanged within noise. No message is lost: std on wasm32-unknown-unknown never
# printed one, and a panic trapped (`unreachable`) before too.
# LLVM's inlining in this crate is held down to a threshold of 50 (its default is 225):
# -9.7 KB gzip (169.3 -> 159.6 KB), for +7% instructions per estimate round trip
# (callgrind), which json16's policy-text table by address won back (-6.6%); in Node,
# per call and cold start, unchanged within noise, A/B. 35 gave 157.7 KB for +6%
# instructions, 0 155.9 KB for +21%. LINGPAO_WASM_INLINE_THRESHOLD sets another;
# empty, LLVM's default.
threshold=${LINGPAO_WASM_INLINE_THRESHOLD-50}
inline=()
if [ -n "$threshold" ]; then
  inline=(-Zprofile-rustflags --config "profile.release.package.lingpao.rustflags=[\"-Cllvm-args=-inline-threshold=$threshold\"]")
fi
CARGO_PROFILE_RELEASE_OPT_LEVEL=${LINGPAO_WASM_OPT_LEVEL:-s} CARGO_PROFILE_RELEASE_PANIC=immediate-abort \
  RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LLD" \
  cargo build --release --locked --lib --target wasm32-unknown-unknown \
  --config "profile.release.package.lingpao.opt-level=${LINGPAO_WASM_CRATE_OPT_LEVEL:-2}" "${inline[@]}" ${LINGPAO_WASM_CARGO_ARGS:-} \
  -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size -Zpanic-immediate-abort \
  --target-dir target-wasm
wasm-bindgen --target web --out-dir pkg/wasm --out-name lingpao \
  target-wasm/wasm32-unknown-unknown/release/lingpao.wasm
if [ -x node_modules/.bin/wasm-opt ]; then
  # No inlining of single-caller functions: wasm-opt otherwise folds each export's whole
  # call chain into its shim, which compresses worse (-3 KB gzip, speed unchanged A/B).
  node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size=0 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    pkg/wasm/lingpao_bg.wasm -o pkg/wasm/lingpao_bg.wasm
fi
ls -l pkg/wasm/lingpao_bg.wasm
