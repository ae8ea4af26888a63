#pragma once

#include "logs/EventRecord.h"
#include "store/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

namespace inlet::test {

// A migrated SQLite file in a temporary directory with a connection for the
// test thread, and helpers that write log rows directly.
class TestDatabase final
{
public:
    TestDatabase();
    ~TestDatabase();

    bool isValid() const { return m_db.isValid() && m_db.isOpen(); }
    DatabaseUrl url() const;
    QSqlDatabase &db() { return m_db; }

    // Inserts `count` events of (env, source) in one transaction; types and
    // statuses cycle through the given lists. Returns the ids, oldest first.
    QStringList insertEvents(int count, const QString &env, const QString &source, const QStringList &types,
                             const QStringList &statuses, qint64 startMs = 1700000000000);
    // `count` events of type "t" from source "a" in development, all `status`:
    // rows that only need to be there.
    QStringList insertEvents(int count, const QString &status);
    bool insertAction(const QString &eventId, const QString &env, const QString &source, const QString &status);

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url; // SQLite in m_dir, or a fresh PostgreSQL schema (tests/common/TestBackend.h)
    QString m_connection;
    QSqlDatabase m_db;
    int m_serial = 0;
};

} // namespace inlet::test
