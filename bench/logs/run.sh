#!/usr/bin/env bash
# Event-log benchmark: builds (once, reused afterwards) a database of 1,000,000
# realistic events with their actions, then times the queries the desktop
# app's log models run and `inletd serve` startup. See docs/benchmarks.md.
#
#   bench/logs/run.sh                      # 1,000,000 events in /tmp/inlet-bench-logs
#   EVENTS=100000 bench/logs/run.sh        # a smaller log
#   DATA_DIR=/var/tmp/logs REBUILD=1 bench/logs/run.sh
#
#   SKIP_BUILD=1  use the existing build/bench binaries
#   MODEL_BENCH=path  bench_logs_model (GUI build) [build/dev/bench/bench_logs_model]
#   RUNS=N        repetitions per query (first and median are shown) [5]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
EVENTS=${EVENTS:-1000000}
DATA_DIR=${DATA_DIR:-/tmp/inlet-bench-logs}
RUNS=${RUNS:-5}

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -x "$ROOT/build/bench/bench/bench_logs" ]; then
    echo "building inletd and bench_logs (Release) in build/bench" >&2
    cmake -S "$ROOT" -B "$ROOT/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DINLET_BUILD_GUI=OFF \
        -DINLET_BUILD_TESTS=OFF >/dev/null
    cmake --build "$ROOT/build/bench" -j2 --target inletd bench_logs >/dev/null
fi

args=(--data-dir "$DATA_DIR" --events "$EVENTS" --runs "$RUNS" --inletd "$ROOT/build/bench/app/inletd")
[ "${REBUILD:-0}" = 1 ] && args+=(--rebuild)
echo "bench_logs on $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(date -u '+%Y-%m-%d %H:%M UTC')"
"$ROOT/build/bench/bench/bench_logs" "${args[@]}"

# The GUI's log model itself needs the GUI build (build/dev, or MODEL_BENCH=path).
MODEL_BENCH=${MODEL_BENCH:-$ROOT/build/dev/bench/bench_logs_model}
if [ -x "$MODEL_BENCH" ]; then
    echo
    "$MODEL_BENCH" --data-dir "$DATA_DIR"
else
    echo "(skipping the model bench: build it with cmake --build build/dev --target bench_logs_model)" >&2
fi
