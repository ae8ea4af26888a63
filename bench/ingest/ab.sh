#!/usr/bin/env bash
# Alternated A/B runs of bench/ingest/run.sh: two (or more) inletd builds,
# one variant, run in turn ROUNDS times, so that a shared machine's drift
# falls on both. Prints a line per run: req/s, p99, inletd's CPU per stored
# and processed event (all threads, until processing caught up), the store
# and HTTP threads' CPU per acknowledged request, KB written per event, and the
# checkpoint thread's share of a core. See docs/benchmarks.md.
#
#   bench/ingest/ab.sh "base=/tmp/inletd-base new=build/bench/app/inletd" 3
#   SIZES=20480 bench/ingest/ab.sh "a=/path/a b=/path/b"
#
# Each spec is NAME=BINARY; the environment knobs of run.sh apply (SCHEMES,
# SIZES, CONNS, DURATION, DATABASE; one value each), with defaults stripe,
# 1024, 64, 8.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
[ $# -ge 1 ] || { sed -n 2,13p "$0" >&2; exit 2; }
duration=${DURATION:-8}
for _ in $(seq "${2:-2}"); do
    for spec in $1; do
        name=${spec%%=*}
        bin=${spec#*=}
        out=$(SKIP_BUILD=1 INLETD=$bin SCHEMES=${SCHEMES:-stripe} SIZES=${SIZES:-1024} CONNS=${CONNS:-64} \
            DURATION=$duration "$ROOT/bench/ingest/run.sh" 2>&1)
        line=$(grep -E "^(stripe|svix|none) .* inlet " <<<"$out" | head -1)
        check=$(grep -E "check:" <<<"$out" | head -1)
        python3 - "$name" "$line" "$check" "$duration" <<'PY'
import re, sys
name, line, check, dur = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
f = line.split()
acked = int(re.search(r"acked=(\d+)", check).group(1))
cpu = lambda thread: float(re.search(thread + r" (\d+)%", check).group(1)) / 100 * dur * 1e6 / acked
written = re.search(r"([0-9.]+) KB written", check).group(1)
ckpt = re.search(r"inlet-checkpt (\d+)%", check)
print(f"{name:10s} req/s {float(f[4]):7.0f} p99 {f[6]:>7s} all {float(f[-1]):6.1f} store {cpu('inlet-store'):6.1f} us/ev"
      f" http {cpu('inlet-http'):5.1f} written {written:>6s} KB/ev checkpt {ckpt.group(1) if ckpt else '0'}%"
      + ("" if " OK " in check else "  CHECK FAILED: " + check))
PY
    done
done
