#!/usr/bin/env bash
# How often ./darwin compare calls a change "better": N comparisons of the seed against a copy that only draws its
# initial weights differently (A/A: no real difference, so every "better" is a false positive), and N comparisons
# of the seed against a known, real improvement (A/B: every "better" is a hit), alternating, all through
# ./darwin compare --json at its defaults (token budget, seeds, alpha). Prints the false-positive rate and the power
# with their 95 % Clopper-Pearson intervals, the paired noise it measured, and what that noise implies for many more
# comparisons than the benchmark can afford.
#
# The known improvement: the seed's CPU learning rate doubled (1e-3 -> 2e-3), which at the default token budget
# lowers val_bpb by about 2 % (measured: see README, "Calibrated comparisons").
#
# Settings (environment): BENCH_CAL_COMPARISONS of each kind (3), BENCH_CAL_SEEDS at most per comparison (8),
# BENCH_CAL_ARGS passed on to ./darwin compare (e.g. "--budget-tokens 50000").
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_CAL_COMPARISONS:-3}
SEEDS=${BENCH_CAL_SEEDS:-8}
ALPHA=0.01
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

SEED=training-sdk/src/main/resources/programs/SeedGpt.java
cp "$SEED" "$OUT/SeedGpt.java"
mkdir -p "$OUT/redrawn" "$OUT/improved"
# the same program in distribution: one extra draw from the engine's generator before the model is built
sed 's/^\(        int vocab = ctx.vocabularySize();\)$/\1\n        ctx.manager().randomNormal(new Shape(1));/' "$SEED" \
  > "$OUT/redrawn/SeedGpt.java"
sed 's/CPU_LEARNING_RATE = 1e-3f;/CPU_LEARNING_RATE = 2e-3f;/' "$SEED" > "$OUT/improved/SeedGpt.java"
cmp -s "$SEED" "$OUT/redrawn/SeedGpt.java" && { echo "the A/A edit no longer applies to $SEED" >&2; exit 2; }
cmp -s "$SEED" "$OUT/improved/SeedGpt.java" && { echo "the A/B edit no longer applies to $SEED" >&2; exit 2; }

started=$(date +%s)
for i in $(seq 1 "$N"); do
  for kind in aa ab; do
    other=$([ "$kind" = aa ] && echo redrawn || echo improved)
    offset=$([ "$kind" = aa ] && echo 0 || echo 500)
    echo "comparison $kind-$i: the seed against $other ($(( $(date +%s) - started )) s so far)" >&2
    set +e
    # each comparison its own seeds, so that no two share a draw
    ./darwin compare "$OUT/SeedGpt.java" "$OUT/$other/SeedGpt.java" --json --seeds "$SEEDS" --alpha "$ALPHA" \
      --seed $(( 1000 * i + offset )) ${BENCH_CAL_ARGS:-} > "$OUT/$kind-$i.json" 2> "$OUT/$kind-$i.log"
    status=$?
    set -e
    if [ "$status" -eq 2 ]; then
      echo "comparison $kind-$i ended in an error:" >&2
      tail -5 "$OUT/$kind-$i.log" >&2
    fi
    grep -h '"verdict"' "$OUT/$kind-$i.json" >&2 || true
  done
done
echo "$((2 * N)) comparisons in $(( $(date +%s) - started )) s" >&2
java -cp "deploy/local/target/classes:deploy/local/target/lib/*" bench/VerificationCalibration.java "$ALPHA" "$SEEDS" \
  "$OUT"/aa-*.json "$OUT"/ab-*.json
