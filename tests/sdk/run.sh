#!/usr/bin/env bash
# On-demand check that the official provider and CDP SDKs, pointed at inletd
# unchanged, work against it: installs the pinned SDKs (package.json, needs
# the npm registry and Node.js 20+), starts inletd on a free loopback port
# with a fresh data dir and inlet.json, runs every script in sdks/, checks
# what inletd stored through its CLI and prints a PASS/FAIL table; exits 1 on
# any FAIL. GAP rows (an SDK or field SPEC does not cover) are shown, not failed.
# Not part of ctest. Usage: tests/sdk/run.sh [INLETD]   (default build/dev/app/inletd)
# SDK_DUMP=1 also prints every request the SDKs sent and inletd's answers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
inletd=${1:-$here/../../build/dev/app/inletd}
[[ -x $inletd ]] || { echo "run.sh: no inletd binary at $inletd" >&2; exit 2; }
inletd=$(realpath "$inletd")

# Into tests/sdk/node_modules (git-ignored); npm ci installs exactly the lock.
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [[ ${rc:-1} -eq 0 ]]; then rm -rf "$work"; else echo "kept for inspection: $work (inletd --data-dir $work/data events)" >&2; fi
}
trap cleanup EXIT

"$inletd" --data-dir "$work/data" config import "$here/inlet.json" >/dev/null
"$inletd" --data-dir "$work/data" --listen 127.0.0.1:0 serve >"$work/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 100); do  # serve prints "listening on http://HOST:PORT" once it accepts
  url=$(sed -n 's/^listening on //p' "$work/serve.log")
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
[[ -n $url ]] || { echo "run.sh: inletd did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }

rc=0
INLETD=$inletd INLET_DATA_DIR=$work/data INLET_URL=$url node "$here/runner.js" || rc=$?
exit $rc
