#include "store/Database.h"
#include "store/SqlitePageCache.h"
#include "store/WalWriteCoalescer.h"

#include "store/Schema.h"
#include "store/SqlDialect.h"
#include "store/SqliteStatementCache.h"
#include "store/StatementCache.h"
#include "util/DataDirectory.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// pg_advisory_xact_lock key of schema changes: two instances starting at
// once apply each version once, the second waiting for the first.
constexpr qint64 kMigrationLock = 0x696e6c6574; // "inlet"

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = u"%1 (in: %2)"_s.arg(q.lastError().text(), sql.left(80));
    return false;
}

QSqlDatabase fail(QSqlDatabase &db, const QString &connectionName)
{
    SqliteStatementCache::finalizeAll(db);
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName);
    return {};
}

QSqlDatabase openSqlite(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    const QFileInfo info(url.path);
    // The database holds signing secrets and API keys: a new one is the
    // owner's alone (SQLite gives its -wal and -shm files the same mode).
    // (":memory:" is not a file, and to QFile a name starting with ':' is a
    // resource.)
    const bool inMemory = url.path == u":memory:"_s || url.path.startsWith(u"file:"_s);
    if (!inMemory && !info.exists()) {
        QString why;
        if (!DataDirectory::ensure(info.absolutePath(), &why)) {
            if (error)
                *error = u"cannot create the directory of %1: %2"_s.arg(url.path, why);
            return {};
        }
        QFile file(url.path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
            !info.exists()) {
            if (error)
                *error = u"cannot create database %1: %2"_s.arg(url.path, file.errorString());
            return {};
        }
    }
    // Before anything initializes SQLite (the VFS lookup below does).
    // SQLite counts every allocation under one process-wide mutex, for
    // sqlite3_memory_used(), which nothing here reads: 3% of the store
    // thread's time went to that mutex. Fails harmlessly once initialized.
    static const bool uncounted = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    Q_UNUSED(uncounted);
    // INLET_SQLITE_PCACHE=0 keeps pcache1 alone, to compare.
    if (qEnvironmentVariable("INLET_SQLITE_PCACHE") != u"0"_s)
        SqlitePageCache::install();
    // INLET_WAL_COALESCE=0 keeps SQLite's own VFS (to compare, or to rule it out).
    if (qEnvironmentVariable("INLET_WAL_COALESCE") != u"0"_s)
        WalWriteCoalescer::install();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
    db.setDatabaseName(url.path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    if (!db.open()) {
        if (error)
            *error = u"cannot open database %1: %2"_s.arg(url.path, db.lastError().text());
        return fail(db, connectionName);
    }
    // WAL lets the CLI read while serve writes; FULL makes every commit
    // durable before we answer 2xx.
    for (const QString &pragma :
         {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s, u"PRAGMA foreign_keys=OFF"_s,
          u"PRAGMA temp_store=MEMORY"_s, u"PRAGMA cache_size=-65536"_s}) {
        if (!exec(db, pragma, error))
            return fail(db, connectionName);
    }
    return db;
}

QSqlDatabase openPostgres(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    if (!db.isValid()) {
        if (error)
            *error = u"the Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)"_s;
        QSqlDatabase::removeDatabase(connectionName);
        return {};
    }
    db.setHostName(url.host);
    db.setPort(url.port);
    db.setUserName(url.user);
    db.setPassword(url.password);
    db.setDatabaseName(url.database);
    // The search path is a connection option rather than a SET so that a
    // reconnect (after the server restarted) lands in the same schema.
    // Notices ("already exists, skipping") are not for the user of a CLI.
    QString options = u"connect_timeout=5;application_name=inlet;options='-cclient_min_messages=warning"_s;
    if (!url.schema.isEmpty())
        options += u" -csearch_path=%1,public"_s.arg(url.schema);
    options += u"'"_s;
    db.setConnectOptions(options);
    if (!db.open()) {
        if (error)
            *error = u"cannot connect to %1: %2"_s.arg(url.display(), db.lastError().text().trimmed());
        return fail(db, connectionName);
    }
    if (!url.schema.isEmpty()) {
        // The lock keeps two instances creating the schema at once from
        // tripping over each other (IF NOT EXISTS is not atomic).
        if (!exec(db, u"BEGIN"_s, error) ||
            !exec(db, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kMigrationLock), error) ||
            !exec(db, u"CREATE SCHEMA IF NOT EXISTS "_s + url.schema, error) || !exec(db, u"COMMIT"_s, error))
            return fail(db, connectionName);
    }
    return db;
}

int sqliteVersion(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA user_version"_s) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

int postgresVersion(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    // to_regclass: NULL while the table does not exist (a fresh database),
    // without an error that would abort the caller's transaction. In the
    // connection's own schema (the first of its search path that exists,
    // where migrations create their tables): `public`, which follows it in
    // the path for extensions, may hold another store's table.
    if (!q.exec(u"SELECT to_regclass(quote_ident(coalesce(current_schema(), 'public')) || '.schema_version')"
                " IS NOT NULL"_s) ||
        !q.next()) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(u"SELECT coalesce(max(version), 0) FROM schema_version"_s) || !q.next()) {
        if (error)
            *error = q.lastError().text();
        return -1;
    }
    return q.value(0).toInt();
}

} // namespace

QSqlDatabase Database::open(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    switch (url.kind) {
    case DatabaseUrl::Kind::Sqlite:
        return openSqlite(url, connectionName, error);
    case DatabaseUrl::Kind::Postgres:
        return openPostgres(url, connectionName, error);
    case DatabaseUrl::Kind::Invalid:
        break;
    }
    if (error)
        *error = url.error;
    return {};
}

bool Database::reconnect(QSqlDatabase &db, QString *error)
{
    if (!SqlDialect::of(db).isPostgres())
        return true;
    // The statements prepared on the old session do not exist on the new one.
    delete db.driver()->findChild<StatementCache *>(QString(), Qt::FindDirectChildrenOnly);
    db.close();
    if (db.open())
        return true;
    if (error)
        *error = db.lastError().text().trimmed();
    return false;
}

int Database::storedVersion(QSqlDatabase &db, QString *error)
{
    return SqlDialect::of(db).isPostgres() ? postgresVersion(db, error) : sqliteVersion(db, error);
}

bool Database::migrate(QSqlDatabase &db, QString *error, int toVersion)
{
    const SqlDialect dialect = SqlDialect::of(db);
    const bool pg = dialect.isPostgres();
    // SQLite: BEGIN IMMEDIATE takes the write lock first. PostgreSQL: the
    // advisory lock, held to COMMIT. Either way two processes starting at
    // once do not both apply the same version.
    if (!exec(db, dialect.beginWrite(), error))
        return false;
    const auto rollback = [&] {
        exec(db, u"ROLLBACK"_s, nullptr);
        return false;
    };
    if (pg &&
        (!exec(db, u"SELECT pg_advisory_xact_lock(%1)"_s.arg(kMigrationLock), error) ||
         !exec(db,
               u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)"_s,
               error)))
        return rollback();
    const int current = storedVersion(db, error);
    if (current < 0)
        return rollback();
    const auto &all = schema::migrations();
    if (current > all.size()) {
        if (error)
            *error = u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(all.size());
        return rollback();
    }
    const auto skip = pg ? schema::Step::Only::Sqlite : schema::Step::Only::Postgres;
    const int target = toVersion < 0 ? int(all.size()) : std::min(toVersion, int(all.size()));
    for (int v = current; v < target; ++v) {
        for (const schema::Step &step : all[v]) {
            if (step.only != skip && !exec(db, dialect.schemaStatement(step.sql), error))
                return rollback();
        }
        if (pg && !exec(db,
                        u"INSERT INTO schema_version (version, applied_at) VALUES (%1,"
                        " (extract(epoch FROM clock_timestamp()) * 1000)::bigint)"_s.arg(v + 1),
                        error))
            return rollback();
    }
    if ((!pg && current < target && !exec(db, u"PRAGMA user_version = %1"_s.arg(target), error)) ||
        !exec(db, u"COMMIT"_s, error))
        return rollback();
    return true;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        // Qt's sqlite3_close() fails while statements it does not know live.
        SqliteStatementCache::finalizeAll(db);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

sqlite3 *Database::sqliteHandle(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    if (!driver || !driver->isOpen())
        return nullptr;
    const QVariant v = driver->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

QString Database::uniqueConnectionName(const QString &prefix)
{
    static QAtomicInteger<int> counter;
    return u"%1-%2"_s.arg(prefix).arg(counter.fetchAndAddRelaxed(1));
}

int Database::schemaVersion()
{
    return int(schema::migrations().size());
}

} // namespace inlet
