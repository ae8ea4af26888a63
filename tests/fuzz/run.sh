#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build directory and
# runs each for SECONDS (default 20) on its corpus in tests/fuzz/corpus/.
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
# New inputs that add coverage go to build/fuzz/corpus/<target>/ (not into
# the checked-in seeds); a crash leaves build/fuzz/crash-* and fails the run.
# Environment: INLET_FUZZ_BUILD (build directory), INLET_FUZZ_JOBS (build jobs),
# INLET_FUZZ_CONFIGURED=1 (use INLET_FUZZ_BUILD as configured, e.g. build/asan).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
seconds="${1:-20}"
shift || true
build="${INLET_FUZZ_BUILD:-$src/build/fuzz}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_http_parser fuzz_path fuzz_value_spec fuzz_verify fuzz_config fuzz_event)
fi

# Per target: the largest input worth trying (bytes).
max_len() {
    case "$1" in
    fuzz_http_parser) echo 8192 ;;
    fuzz_path) echo 1024 ;;
    fuzz_value_spec) echo 2048 ;;
    fuzz_verify) echo 4096 ;;
    fuzz_config) echo 8192 ;;
    fuzz_event) echo 16384 ;;
    *) echo 4096 ;;
    esac
}

if ! command -v clang++ >/dev/null; then
    echo "clang++ not found (Debian: apt-get install clang libclang-rt-dev)" >&2
    exit 2
fi
# INLET_FUZZ_CONFIGURED=1: $build is already configured with INLET_FUZZ=ON
# (the asan preset is), so CI builds the sanitizers and the fuzzers once.
if [ "${INLET_FUZZ_CONFIGURED:-0}" != 1 ]; then
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++ -DINLET_FUZZ=ON -DINLET_BUILD_GUI=OFF \
        -DINLET_BUILD_TESTS=OFF -DINLET_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build" --target "${targets[@]}" -j "${INLET_FUZZ_JOBS:-2}"

# Qt must not look for a display or print debug noise. Leaks count as
# findings: memory must stay bounded however hostile the input.
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false'
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for t in "${targets[@]}"; do
    work="$build/corpus/$t"
    mkdir -p "$work"
    echo "== $t: ${seconds}s"
    if ! (cd "$build" && "$build/tests/fuzz/$t" -max_total_time="$seconds" -max_len="$(max_len "$t")" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$work" "$here/corpus/$t" 2>&1 | tail -n 25); then
        echo "!! $t failed" >&2
        status=1
    fi
done
exit $status
