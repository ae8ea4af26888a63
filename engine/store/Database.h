#pragma once

#include "store/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

namespace inlet {

// Opens per-thread connections to the configured database (Qt SQL
// connections must not cross threads) and applies the schema.
class Database final
{
public:
    // Opens a new connection named `connectionName`; sets SQLite's WAL mode,
    // full synchronous commits and a busy timeout. Returns an invalid
    // QSqlDatabase and fills `error` on failure.
    static QSqlDatabase open(const DatabaseUrl &url, const QString &connectionName, QString *error);

    // Creates or upgrades the schema. Safe to call on every start.
    static bool migrate(QSqlDatabase &db, QString *error);

    // Closes and removes a connection opened by open().
    static void close(const QString &connectionName);

    // A connection name unique in this process, with `prefix` for debugging.
    static QString uniqueConnectionName(const QString &prefix);

    static int schemaVersion();
};

} // namespace inlet
