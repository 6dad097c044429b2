#!/usr/bin/env bash
# Does the learning mutator search better than random? Small real evolutions through ./darwin run, side by side in
# one run of this script: for each seed, one run per mutator (random, optimizer, and hybrid when an LLM is configured
# through OPENAI_API_KEY or OPENAI_BASE_URL), every one on the same dataset, preset, population, generations, token
# budget and master seed, so that they differ only in the mutator. Prints for each run and each mutator: the best
# Δ val_bpb against its generation's control at the end (with the run's noise floor), the generations until the
# first improvement beyond the floor, the error and failure rates; then optimizer/random.
#
# The defaults are the default run's shape (4 agents × 3 generations at 150,000 tokens a variant, each generation's
# control, and verification of up to 5 seed pairs): 2 seeds × 2 mutators, about 25 trainings a run, take about an
# hour on a 2-core laptop CPU. Fewer tokens are faster but unfair to a search: below about 80,000 tokens a variant
# trains for fewer steps than the seed program's 100 warmup steps, so any larger learning rate wins and every
# mutator finds it. Not run in CI.
#
# Settings (environment): BENCH_SE_SEEDS (master seeds, "1 2"), BENCH_SE_POPULATION (4), BENCH_SE_GENERATIONS (3),
# BENCH_SE_TOKENS (150000), BENCH_SE_VERIFY_PAIRS (the most verification pairs, 5), BENCH_SE_MUTATORS (default: random optimizer, plus hybrid with an LLM),
# BENCH_SE_ARGS passed on to ./darwin run (e.g. "--allow-unisolated" or "--dataset FILE"), BENCH_SE_OUT (a
# directory that keeps each run's whole output; by default it is deleted at the end).
# The services are stopped at the end (./darwin stop).
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${BENCH_SE_SEEDS:-1 2}
POPULATION=${BENCH_SE_POPULATION:-4}
GENERATIONS=${BENCH_SE_GENERATIONS:-3}
TOKENS=${BENCH_SE_TOKENS:-150000}
PAIRS=${BENCH_SE_VERIFY_PAIRS:-5}
if [ -z "${BENCH_SE_MUTATORS:-}" ]; then
  BENCH_SE_MUTATORS="random optimizer"
  if [ -n "${OPENAI_API_KEY:-}${OPENAI_BASE_URL:-}" ]; then
    BENCH_SE_MUTATORS="$BENCH_SE_MUTATORS hybrid"
  fi
fi
if [ -n "${BENCH_SE_OUT:-}" ]; then
  # the runs' full output is kept there
  OUT=$BENCH_SE_OUT
  mkdir -p "$OUT"
  trap './darwin stop >/dev/null 2>&1 || true' EXIT
else
  OUT=$(mktemp -d)
  trap 'rm -rf "$OUT"; ./darwin stop >/dev/null 2>&1 || true' EXIT
fi

started=$(date +%s)
echo "search efficiency: mutators [$BENCH_SE_MUTATORS], seeds [$SEEDS], population $POPULATION, $GENERATIONS" \
  "generations, $TOKENS tokens a variant, at most $PAIRS verification pairs" >&2
for seed in $SEEDS; do
  for mutator in $BENCH_SE_MUTATORS; do
    echo "run $mutator, seed $seed ($(( $(date +%s) - started )) s so far)" >&2
    set +e
    ./darwin run --new --name "bench-$mutator-$seed" --mutator "$mutator" --seed "$seed" \
      --population "$POPULATION" --generations "$GENERATIONS" --budget-tokens "$TOKENS" --budget-seconds 0 \
      --seeds "$PAIRS" ${BENCH_SE_ARGS:-} > "$OUT/$mutator-$seed.log" 2>&1
    status=$?
    set -e
    if [ "$status" -ne 0 ]; then
      echo "run $mutator, seed $seed ended with status $status:" >&2
      tail -5 "$OUT/$mutator-$seed.log" >&2
    fi
    grep -h "^Verified improvement" "$OUT/$mutator-$seed.log" >&2 || true
  done
done
echo "$(ls "$OUT" | wc -l) runs in $(( $(date +%s) - started )) s" >&2
java -cp "deploy/local/target/classes:deploy/local/target/lib/*" bench/SearchEfficiency.java "$OUT"/*.log
