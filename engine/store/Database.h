#pragma once

#include "store/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

struct sqlite3;

namespace inlet {

// Opens per-thread connections to the configured database (Qt SQL
// connections must not cross threads) and applies the schema.
class Database final
{
public:
    // Opens a new connection named `connectionName`. SQLite: WAL mode, full
    // synchronous commits and a busy timeout. PostgreSQL: the URL's schema
    // (created when missing) first on the search path. Returns an invalid
    // QSqlDatabase and fills `error` on failure.
    static QSqlDatabase open(const DatabaseUrl &url, const QString &connectionName, QString *error);

    // Closes and opens `db` again with the same settings: after PostgreSQL
    // restarted, the old session is gone for good. A no-op for SQLite.
    static bool reconnect(QSqlDatabase &db, QString *error);

    // Creates or upgrades the schema. Safe to call on every start, and from
    // several processes at once. `toVersion` stops at an older version (for
    // the tests of an upgrade); by default the schema is brought up to date.
    static bool migrate(QSqlDatabase &db, QString *error, int toVersion = -1);

    // The schema version stored in `db` (0 for an empty database), or -1
    // with `error` set.
    static int storedVersion(QSqlDatabase &db, QString *error);

    // Closes and removes a connection opened by open().
    static void close(const QString &connectionName);

    // The C handle of an open SQLite connection (nullptr otherwise), for
    // what QtSql does not offer: native statements, the WAL hook.
    static sqlite3 *sqliteHandle(const QSqlDatabase &db);

    // A connection name unique in this process, with `prefix` for debugging.
    static QString uniqueConnectionName(const QString &prefix);

    static int schemaVersion();
};

} // namespace inlet
