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
# LINGPAO_WASM_INLINE_THRESHOLD holds down LLVM's inlining in this crate (measured
# against the default, Node's gzip -9): 50 gave 169.1 -> 159.3 KB for +9% instructions
# per estimate round trip (callgrind) and +4-6% per call in Node; 0 gave 155.9 KB for
# +21% instructions. Left at LLVM's default: the per-call budget is met, the size one
# is not met either way.
inline=()
if [ -n "${LINGPAO_WASM_INLINE_THRESHOLD:-}" ]; then
  inline=(-Zprofile-rustflags --config "profile.release.package.lingpao.rustflags=[\"-Cllvm-args=-inline-threshold=$LINGPAO_WASM_INLINE_THRESHOLD\"]")
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
