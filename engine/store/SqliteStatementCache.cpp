#include "store/SqliteStatementCache.h"

#include "store/Database.h"

#include <QSqlDriver>
#include <QThread>
#include <QVariant>

#include <sqlite3.h>

namespace inlet {
namespace {

// The store's own statements number a few dozen; generated SQL varies.
constexpr qsizetype kMaxEntries = 128;

SqliteStatementCache *existing(const QSqlDriver *driver)
{
    return driver ? driver->findChild<SqliteStatementCache *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

} // namespace

SqliteStatementCache::SqliteStatementCache(QObject *driver, sqlite3 *db)
    : QObject(driver)
    , m_db(db)
{
    setObjectName(QStringLiteral("inlet-sqlite-statements"));
}

SqliteStatementCache::~SqliteStatementCache()
{
    // Reached with live statements only when the driver was destroyed
    // without finalizeAll(): Qt's sqlite3_close() then failed (SQLITE_BUSY)
    // and left the handle open, so it is ours to close.
    if (m_entries.isEmpty())
        return;
    finalizeEntries();
    sqlite3_close(m_db);
}

SqliteStatementCache *SqliteStatementCache::of(const QSqlDatabase &db)
{
    QSqlDriver *driver = db.driver();
    if (!driver || driver->thread() != QThread::currentThread())
        return nullptr;
    sqlite3 *handle = Database::sqliteHandle(db);
    if (!handle)
        return nullptr;
    SqliteStatementCache *cache = existing(driver);
    if (cache && cache->m_db != handle) { // reopened without finalizeAll(): see the destructor
        delete cache;
        cache = nullptr;
    }
    return cache ? cache : new SqliteStatementCache(driver, handle);
}

void SqliteStatementCache::finalizeAll(const QSqlDatabase &db)
{
    SqliteStatementCache *cache = existing(db.driver());
    if (!cache)
        return;
    // Closed by Qt while statements were alive (QSqlDatabase::close() before
    // this): its sqlite3_close() failed and forgot the handle, so it is ours
    // to close. Without live statements Qt's close succeeded, and the handle
    // is gone.
    const bool orphaned = !cache->m_entries.isEmpty() && Database::sqliteHandle(db) != cache->m_db;
    cache->finalizeEntries();
    if (orphaned)
        sqlite3_close(cache->m_db);
}

void SqliteStatementCache::finalizeEntries()
{
    for (const auto &e : std::as_const(m_entries))
        sqlite3_finalize(e->stmt);
    m_entries.clear();
}

SqliteStatementCache::Lease SqliteStatementCache::acquire(const QString &sql, QString *error)
{
    auto it = m_entries.find(sql);
    if (it != m_entries.end() && !it.value()->busy) {
        it.value()->busy = true;
        return {it.value()->stmt, &it.value()->busy};
    }
    const bool cacheIt = it == m_entries.end();
    if (cacheIt && m_entries.size() >= kMaxEntries) {
        for (auto i = m_entries.begin(); i != m_entries.end();) {
            if (i.value()->busy) {
                ++i;
            } else {
                sqlite3_finalize(i.value()->stmt);
                i = m_entries.erase(i);
            }
        }
    }
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), cacheIt ? SQLITE_PREPARE_PERSISTENT : 0,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK || !stmt) {
        if (error)
            *error = rc == SQLITE_OK ? QStringLiteral("empty statement") : QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(stmt);
        return {};
    }
    if (!cacheIt)
        return {stmt, nullptr};
    auto entry = std::make_shared<Entry>(Entry{stmt, true});
    bool *busy = &entry->busy;
    m_entries.insert(sql, std::move(entry));
    return {stmt, busy};
}

void SqliteStatementCache::release(const Lease &lease)
{
    if (!lease.stmt)
        return;
    if (!lease.busy) {
        sqlite3_finalize(lease.stmt);
        return;
    }
    // Reset at once: a half-read SELECT would otherwise keep its read
    // transaction (and block WAL checkpoints) until its next use.
    sqlite3_reset(lease.stmt);
    sqlite3_clear_bindings(lease.stmt);
    *lease.busy = false;
}

} // namespace inlet
