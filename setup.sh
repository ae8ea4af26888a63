#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine for Inlet, builds it, and runs it or its tests.
#   ./setup.sh run    install dependencies, build, start Inlet (the desktop app, or inletd without a display)
#   ./setup.sh test   install dependencies, build, run the test suite
#   ./setup.sh deps   install dependencies only
#   ./setup.sh test-asan   also install clang, build the asan preset (clang, address and
#                          undefined-behaviour sanitizers, with the libFuzzer targets), run the suite under it
#   ./setup.sh fuzz [SECONDS]   run every libFuzzer target of the asan build for SECONDS (default 20)
# Safe to run again: installed packages are skipped and the build is incremental.
# Works as root and as a user with sudo.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libgl-dev
  libssl-dev libhttp-parser-dev zlib1g-dev
  sqlite3 libsqlite3-dev libjemalloc-dev curl
  postgresql  # the throwaway server of the *.postgres tests (tests/pg/run-server.sh)
)

# The asan preset and the fuzz targets need clang and its runtime (libFuzzer, sanitizers).
SANITIZER_PACKAGES=(clang libclang-rt-dev)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  cmake --preset "${1:-${INLET_PRESET:-dev}}" >/dev/null
  cmake --build --preset "${1:-${INLET_PRESET:-dev}}"
}

# Runs each fuzz target of build/asan for $1 seconds on its checked-in corpus.
fuzz() {
  INLET_FUZZ_BUILD=build/asan INLET_FUZZ_CONFIGURED=1 tests/fuzz/run.sh "${1:-20}"
}

cmd=${1:-run}
shift || true
case "$cmd" in
  deps) install_deps ;;
  build) install_deps; build ;;
  test)
    install_deps; build
    ctest --preset "${INLET_PRESET:-dev}" "$@"
    ;;
  test-asan)
    install_deps "${SANITIZER_PACKAGES[@]}"; build asan
    ctest --preset asan "$@"
    ;;
  fuzz)
    install_deps "${SANITIZER_PACKAGES[@]}"; build asan
    fuzz "$@"
    ;;
  run)
    install_deps; build
    bin=build/${INLET_PRESET:-dev}/app
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$bin/inlet" "$@"
    else
      echo "setup: no display found; starting the headless engine (inletd serve). Ctrl+C stops it."
      exec "$bin/inletd" serve "$@"
    fi
    ;;
  *) echo "usage: $0 run|test|test-asan|fuzz [SECONDS]|deps|build" >&2; exit 2 ;;
esac
