#include "store/Database.h"

#include "store/Schema.h"
#include "util/DataDirectory.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = u"%1 (in: %2)"_s.arg(q.lastError().text(), sql.left(80));
    return false;
}

} // namespace

QSqlDatabase Database::open(const DatabaseUrl &url, const QString &connectionName, QString *error)
{
    if (url.kind == DatabaseUrl::Kind::Sqlite) {
        const QFileInfo info(url.path);
        // The database holds signing secrets and API keys: a new one is the
        // owner's alone (SQLite gives its -wal and -shm files the same mode).
        if (!info.exists()) {
            QString why;
            if (!DataDirectory::ensure(info.absolutePath(), &why)) {
                if (error)
                    *error = u"cannot create the directory of %1: %2"_s.arg(url.path, why);
                return {};
            }
            QFile file(url.path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                           QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
                !info.exists()) {
                if (error)
                    *error = u"cannot create database %1: %2"_s.arg(url.path, file.errorString());
                return {};
            }
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(url.path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!db.open()) {
            if (error)
                *error = u"cannot open database %1: %2"_s.arg(url.path, db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return {};
        }
        // WAL lets the CLI read while serve writes; FULL makes every commit
        // durable before we answer 2xx.
        for (const QString &pragma :
             {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s, u"PRAGMA foreign_keys=OFF"_s,
              u"PRAGMA temp_store=MEMORY"_s, u"PRAGMA cache_size=-65536"_s}) {
            if (!exec(db, pragma, error)) {
                db.close();
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(connectionName);
                return {};
            }
        }
        return db;
    }
    if (error)
        *error = url.isValid() ? u"the PostgreSQL backend is not available in this build yet"_s : url.error;
    return {};
}

bool Database::migrate(QSqlDatabase &db, QString *error)
{
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting
    // at once do not both apply the same version.
    if (!exec(db, u"BEGIN IMMEDIATE"_s, error))
        return false;
    QSqlQuery q(db);
    q.exec(u"PRAGMA user_version"_s);
    const int current = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    const auto &all = schema::migrations();
    if (current > all.size()) {
        exec(db, u"ROLLBACK"_s, nullptr);
        if (error)
            *error = u"the database has schema version %1, newer than this program's %2"_s.arg(current).arg(all.size());
        return false;
    }
    for (int v = current; v < all.size(); ++v) {
        for (const QString &sql : all[v]) {
            if (!exec(db, sql, error)) {
                exec(db, u"ROLLBACK"_s, nullptr);
                return false;
            }
        }
    }
    if (!exec(db, u"PRAGMA user_version = %1"_s.arg(all.size()), error) || !exec(db, u"COMMIT"_s, error)) {
        exec(db, u"ROLLBACK"_s, nullptr);
        return false;
    }
    return true;
}

void Database::close(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
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
