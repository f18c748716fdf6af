#!/usr/bin/env bash
# Issue 17's side-by-side, in one sitting: OpenFisca's batch figure (b) on the 100,000
# Tianjin units of its benchmark, then whole processes, alternating, on the same units as
# lingpao requests:
#   floor    examples/batch_floor: the input mapped, the lines found, a totals line
#            written per line; no parsing, no computing (the least any reader can cost)
#   lingpao  lingpao batch < requests.jsonl > out.jsonl
# each on one thread and on every core, wall time per unit (median of RUNS); then the
# engine alone on requests already read (examples/profile.rs totals). Checks that
# lingpao's total equals OpenFisca's on every unit. Needs the OpenFisca peer's virtualenv
# (../shared/peers/openfisca/setup.sh; OFVENV, default /tmp/ofvenv).
#   bench/batch.sh [DIR]   DIR holds the requests and outputs (default /tmp; /dev/shm is
#                          memory: the same without the disk's writing)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-/tmp}"
RUNS="${RUNS:-7}"
PEER="$(cd ../shared/peers/openfisca && pwd)"
PY="${OFVENV:-/tmp/ofvenv}/bin/python"
[ -x "$PY" ] || { echo "no OpenFisca virtualenv at $PY: run $PEER/setup.sh" >&2; exit 2; }

cargo build --release -q --bin lingpao --example batch_floor --example profile
LP=target/release/lingpao
FLOOR=target/release/examples/batch_floor
CORES=$(nproc)

openfisca() { (cd "$PEER" && "$PY" bench.py --single-calls 20 --single-repeats 1) | grep '^(b)'; }
echo "OpenFisca, before: $(openfisca)"
python3 "$PEER/to_lingpao.py" /tmp/of_batch.jsonl "$DIR/lp_requests.jsonl"
UNITS=$(wc -l < "$DIR/lp_requests.jsonl")

# lingpao's total against OpenFisca's on every unit.
RAYON_NUM_THREADS=$CORES $LP batch < "$DIR/lp_requests.jsonl" > "$DIR/lp_out.jsonl" 2>/dev/null
python3 - "$DIR/lp_out.jsonl" <<'PY'
import json, sys
of = [json.loads(l)["subsidy_yuan"] for l in open("/tmp/of_batch.jsonl")]
lp = [json.loads(l) for l in open(sys.argv[1])]
bad = [i for i, (a, b) in enumerate(zip(of, lp)) if b.get("error") or int(b["total_yuan"]) != a]
assert len(of) == len(lp) and not bad, f"{len(bad)} units differ, first line {bad[:1]}"
print(f"lingpao's total equals OpenFisca's on all {len(of)} units")
PY

declare -A WALL
now() { echo "${EPOCHREALTIME/./}"; }
run() { # name threads command...
    local name=$1 threads=$2; shift 2
    rm -f "$DIR/lp_out.jsonl" # a new file each run: truncating the last one is not timed
    local start; start=$(now)
    RAYON_NUM_THREADS=$threads "$@" < "$DIR/lp_requests.jsonl" > "$DIR/lp_out.jsonl" 2>/dev/null
    WALL[$name]+="$(( $(now) - start )) "
}
for _ in $(seq "$RUNS"); do
    run "floor, 1 thread" 1 $FLOOR 1
    run "floor, $CORES threads" "$CORES" $FLOOR "$CORES"
    run "lingpao, 1 thread" 1 $LP batch
    run "lingpao, $CORES threads" "$CORES" $LP batch
done
for name in "floor, 1 thread" "floor, $CORES threads" "lingpao, 1 thread" "lingpao, $CORES threads"; do
    # shellcheck disable=SC2086
    python3 -c 'import statistics, sys; n = int(sys.argv[2]); w = sorted(int(x) for x in sys.argv[3:])
print(f"{sys.argv[1]:<20} {statistics.median(w) / n:.3f} us per unit (median of {len(w)}; min {w[0] / n:.3f}, max {w[-1] / n:.3f})")' \
        "$name" "$UNITS" ${WALL[$name]}
done
echo "the engine alone (requests already read; beside OpenFisca's calculate step alone):"
target/release/examples/profile totals "$DIR/lp_requests.jsonl"
echo "OpenFisca, after: $(openfisca)"
echo "(files in $DIR; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
