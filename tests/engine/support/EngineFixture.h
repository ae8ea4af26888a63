#pragma once

#include "ingest/Engine.h"
#include "logs/EventLog.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QTemporaryDir>

#include <memory>

namespace inlet::test {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonObject json() const;
    QByteArray header(const QByteArray &name) const;
};

// A real engine on a loopback port over a real database (an SQLite file in a
// temporary directory, or a fresh PostgreSQL schema: tests/common/TestBackend.h),
// with a reader connection for assertions.
class EngineFixture final
{
public:
    EngineFixture();
    // A second engine on the database of `first` (several instances on one
    // PostgreSQL database); `first` owns the database and must outlive it.
    explicit EngineFixture(const EngineFixture &first);
    ~EngineFixture();

    // Imports a configuration file's JSON; fails the caller's test on error (returns false).
    bool importConfig(const QByteArray &json, QString *error = nullptr);
    bool start(EngineOptions options = {});
    void stop();

    Engine &engine() { return *m_engine; }
    QString dbPath() const;
    DatabaseUrl databaseUrl() const;
    QSqlDatabase &db() { return m_db; }
    EventLog log() { return EventLog(m_db); }

    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult post(const QString &path, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {});

    // Sends `count` identical requests on separate connections before reading
    // any answer, so the engine sees them concurrently; returns the statuses
    // and bodies in sending order.
    QList<HttpResult> postConcurrently(const QString &path, const QByteArray &body,
                                       const QList<QPair<QByteArray, QByteArray>> &headers, int count);

    // Waits (bounded) until the event has left `accepted`; returns it.
    std::optional<EventRecord> waitProcessed(const QString &id, int timeoutMs = 10000);
    qint64 count(const QString &sql);

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    bool m_ownsDatabase = true;
    QString m_connection;
    QSqlDatabase m_db;
    std::unique_ptr<Engine> m_engine;
};

} // namespace inlet::test
