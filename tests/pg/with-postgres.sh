#!/bin/sh
# Runs one test executable against PostgreSQL (CTest's *.postgres tests), or
# reports it skipped (exit 77) when no test server is configured.
if [ -z "${INLET_TEST_POSTGRES_URL:-}" ]; then
    echo "SKIPPED: INLET_TEST_POSTGRES_URL is not set, so the PostgreSQL variant of this test does not run."
    echo "Start a throwaway server with: eval \"\$(tests/pg/run-server.sh start)\" (or run .ci/run)."
    exit 77
fi
exec "$@"
