#!/usr/bin/env bash
# Trains the same GPT with Darwin's harness (through training-service's sandbox, as a worker runs a variant) and
# with a nanoGPT-style PyTorch script on Debian's python3-torch, one after the other, on the same data with the same
# thread count; prints the tokens/s of each, their ratio, and the sandbox's overhead per variant.
#
# Settings (environment): BENCH_THREADS (2), BENCH_SECONDS of training per side (30), BENCH_LAYERS (4),
# BENCH_HEADS (4), BENCH_EMBD (128), BENCH_BLOCK (128), BENCH_BATCH (16), BENCH_ROUNDS of Darwin-then-PyTorch (3),
# BENCH_OVERHEAD_RUNS (3), BENCH_DATA (../shared/data/tinyshakespeare.txt), BENCH_PYTHON (/usr/bin/python3: Debian's,
# which python3-torch installs into, whatever python3 comes first on the PATH), BENCH_OPENBLAS (Debian's OpenMP
# OpenBLAS, /usr/lib/x86_64-linux-gnu/openblas-openmp).
set -euo pipefail

cd "$(dirname "$0")/.."
THREADS=${BENCH_THREADS:-2}
SECONDS_PER_SIDE=${BENCH_SECONDS:-30}
LAYERS=${BENCH_LAYERS:-4}
HEADS=${BENCH_HEADS:-4}
EMBD=${BENCH_EMBD:-128}
BLOCK=${BENCH_BLOCK:-128}
BATCH=${BENCH_BATCH:-16}
ROUNDS=${BENCH_ROUNDS:-3}
OVERHEAD_RUNS=${BENCH_OVERHEAD_RUNS:-3}
DATA=${BENCH_DATA:-../shared/data/tinyshakespeare.txt}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
OPENBLAS=${BENCH_OPENBLAS:-/usr/lib/x86_64-linux-gnu/openblas-openmp}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

[[ -f "$DATA" ]] || { echo "no corpus at $DATA (set BENCH_DATA)" >&2; exit 1; }

# Darwin: training-service's classes and the child's jars (target/sandbox-lib), built every time through the
# reactor (-am), so that the harness, the SDK and the contract come from this checkout as it is now. Nothing is
# installed: ./darwin run packages the modules without installing them, so training-service alone could not resolve
# them from ~/.m2 ("Could not resolve dependencies ... darwin-training-harness"). Every module of the reactor writes
# its classpath to the same file; training-service, which depends on all the others, is built last.
echo "building training-service and the modules it depends on ..." >&2
mvn -B -q -pl training-service -am package -DskipTests dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$OUT/classpath.txt" >&2
CLASSPATH_DARWIN="training-service/target/classes:$(cat "$OUT/classpath.txt")"

# PyTorch: Debian's python3-torch with OpenBLAS (it links the 20x slower reference BLAS otherwise)
if ! "$PYTHON" -c 'import torch' 2>/dev/null || [[ ! -d "$OPENBLAS" ]]; then
  echo "installing python3-torch and libopenblas0-openmp ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch \
    libopenblas0-openmp >&2
fi

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS: Darwin (sandbox, $SECONDS_PER_SIDE s) ..." >&2
  java -cp "$CLASSPATH_DARWIN" bench/SandboxBench.java "$DATA" "$LAYERS" "$HEADS" "$EMBD" "$BLOCK" "$BATCH" \
    "$SECONDS_PER_SIDE" "$THREADS" "$OVERHEAD_RUNS" >> "$OUT/darwin.jsonl"
  echo "round $round/$ROUNDS: PyTorch ($SECONDS_PER_SIDE s) ..." >&2
  LD_LIBRARY_PATH="$OPENBLAS" OMP_NUM_THREADS="$THREADS" "$PYTHON" bench/nanogpt_cpu.py --data "$DATA" \
    --layers "$LAYERS" --heads "$HEADS" --embd "$EMBD" --block "$BLOCK" --batch "$BATCH" \
    --seconds "$SECONDS_PER_SIDE" --threads "$THREADS" >> "$OUT/pytorch.jsonl"
done

"$PYTHON" - "$OUT" "$LAYERS" "$HEADS" "$EMBD" "$BLOCK" "$BATCH" "$THREADS" "$SECONDS_PER_SIDE" <<'EOF'
import json, statistics, sys
out, layers, heads, embd, block, batch, threads, seconds = sys.argv[1:]
darwin = [json.loads(l) for l in open(out + "/darwin.jsonl")]
torch = [json.loads(l) for l in open(out + "/pytorch.jsonl")]
train = [d for d in darwin if d["run"] == "train"]
overhead = [d for d in darwin if d["run"] == "overhead"]
calibration = [d for d in darwin if d["run"] == "calibration"]
dt = [t["tokens_per_second"] for t in train]
pt = [t["tokens_per_second"] for t in torch]
print(f"GPT {layers} layers, {heads} heads, {embd} dims, context {block}, batch {batch}; "
      f"{threads} threads; {seconds} s of training per side; {len(train)} round(s)")
def loss(run):  # none yet when a short round ends before the first loss is recorded
    return "-" if run["final_loss"] is None else f"{run['final_loss']:.3f}"
for i, (a, b) in enumerate(zip(train, torch), 1):
    print(f"  round {i}: Darwin {a['tokens_per_second']:.0f} tokens/s ({a['steps']} steps, loss {loss(a)}), "
          f"PyTorch {b['tokens_per_second']:.0f} tokens/s ({b['steps']} steps, loss {loss(b)})")
print(f"Darwin (DJL {train[0]['threads']} threads, sandboxed{', behind bubblewrap' if train[0]['isolated'] else ''}): "
      f"best {max(dt):.0f} tokens/s, median {statistics.median(dt):.0f}")
print(f"PyTorch {torch[0]['torch']} + OpenBLAS ({torch[0]['threads']} threads): "
      f"best {max(pt):.0f} tokens/s, median {statistics.median(pt):.0f}")
print(f"ratio Darwin/PyTorch: {max(dt) / max(pt):.2f} (best rounds), {statistics.median(dt) / statistics.median(pt):.2f} "
      f"(medians)")
o = sorted(overhead, key=lambda r: r["total_seconds"])[len(overhead) // 2]
print(f"sandbox overhead per variant (median of {len(overhead)} round(s) x {o['runs']} one-step variants): {o['total_seconds']:.2f} s "
      f"= JVM start {o['jvm_start_seconds']:.2f} + compile {o['compile_seconds']:.2f} + data {o['data_seconds']:.2f} "
      f"+ engine {o['engine_seconds']:.2f} + exit and the rest")
c = sorted(calibration, key=lambda r: r["seconds"])[len(calibration) // 2]
print(f"a worker's calibration, once before its first variant (engine and the CPU's peak, {c['peak_flops']:.3g} "
      f"FLOP/s): {c['seconds']:.2f} s")
EOF
