#pragma once

#include <QHash>
#include <QObject>
#include <QSqlQuery>
#include <QString>

#include <memory>

class QSqlDriver;

namespace inlet {

// The prepared statements of one connection, each compiled once and executed
// many times. Compiling was most of the store thread's work: an event used
// about 17 statements, every one prepared for a single execution.
//
// The cache is a child of the connection's driver, so it lives exactly as
// long as the connection and on its thread; the driver finalizes the
// statements when it closes.
class StatementCache final : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QSqlQuery query;
        bool prepared = false;
        bool busy = false; // leased by a CachedQuery; a nested use gets its own
    };

    // The cache of `driver`, created on first use; nullptr when the calling
    // thread does not own the driver (a QObject child must share its thread).
    static StatementCache *of(QSqlDriver *driver);

    // The entry for `sql`, or nullptr when the cache is full of leased
    // entries. The caller prepares a fresh entry and marks it busy.
    Entry *entry(const QSqlDatabase &db, const QString &sql);

private:
    explicit StatementCache(QSqlDriver *driver);

    QHash<QString, std::shared_ptr<Entry>> m_entries;
};

} // namespace inlet
