#pragma once

#include <QHash>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace inlet {

// SQLite statements compiled once per connection and driven through the C
// API on Qt's own handle (same connection, same transaction). The store
// thread's statements run several times per event; through QSqlQuery each
// execution paid for QVariant binds, a ":%1" name per positional bind and
// UTF-16 text that SQLite converted back to UTF-8 - more than a third of
// the thread's instructions around sqlite3_step.
//
// A child of the connection's driver, on its thread. Qt's sqlite3_close()
// fails while statements it does not know are alive, so the connection's
// closers call finalizeAll() first (Database::close does).
class SqliteStatementCache final : public QObject
{
    Q_OBJECT
public:
    // The cache of `db`'s connection, created on first use; nullptr when
    // `db` is not an open SQLite connection owned by the calling thread.
    static SqliteStatementCache *of(const QSqlDatabase &db);

    // Finalizes the statements of `db`'s connection, if it has a cache.
    static void finalizeAll(const QSqlDatabase &db);

    ~SqliteStatementCache() override;

    struct Lease
    {
        sqlite3_stmt *stmt = nullptr; // nullptr: the SQL did not compile
        bool *busy = nullptr;         // the cache entry's flag; nullptr: a statement of its own
    };
    // A reset statement for `sql`, leased until release(). A nested use of
    // the same SQL gets a statement of its own, finalized on release.
    Lease acquire(const QString &sql, QString *error);
    void release(const Lease &lease);

    sqlite3 *handle() const { return m_db; }

private:
    SqliteStatementCache(QObject *driver, sqlite3 *db);
    void finalizeEntries();

    struct Entry
    {
        sqlite3_stmt *stmt = nullptr;
        bool busy = false;
    };
    QHash<QString, std::shared_ptr<Entry>> m_entries; // shared_ptr: a lease keeps its flag across rehashes
    sqlite3 *m_db;
};

} // namespace inlet
