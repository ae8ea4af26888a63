#pragma once

#include "store/DatabaseUrl.h"

#include <QString>

namespace inlet::test {

// Which database the storage and integration tests run against. Every such
// test executable is registered twice with CTest: as is (SQLite, always) and
// with INLET_TEST_BACKEND=postgres, which uses the server named by
// INLET_TEST_POSTGRES_URL (tests/pg/run-server.sh starts a throwaway one)
// and is reported as skipped, with the reason, when that is unset.
class TestBackend final
{
public:
    static bool postgres();

    // A database no other test uses: an SQLite file in `dir`, or a fresh
    // schema in the PostgreSQL test database (dropped by drop()).
    static DatabaseUrl freshUrl(const QString &dir);
    static QString freshUrlText(const QString &dir);

    // Removes what freshUrl() created on the server (SQLite files go with
    // their temporary directory).
    static void drop(const DatabaseUrl &url);

    // The PostgreSQL test server's URL, empty when unset.
    static QString postgresUrl();
};

} // namespace inlet::test
