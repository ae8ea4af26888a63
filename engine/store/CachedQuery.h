#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace inlet {

// A prepared statement leased from the connection's StatementCache for the
// lifetime of this object: compiled on first use, then only re-bound and
// re-executed. Bind with addBindValue() in order and exec() as with any
// QSqlQuery; results are forward-only. When the same SQL is already leased
// (a nested use), or the connection belongs to another thread, this falls
// back to a statement of its own.
class CachedQuery final
{
public:
    CachedQuery(const QSqlDatabase &db, const QString &sql);
    ~CachedQuery();
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;

    // False when the SQL did not compile; error() says why.
    bool isPrepared() const { return m_prepared; }
    QString error() const;

    QSqlQuery &query() { return *m_query; }
    QSqlQuery *operator->() { return m_query; }
    const QSqlQuery *operator->() const { return m_query; }

private:
    QSqlQuery m_own;
    QSqlQuery *m_query = &m_own;
    bool *m_busy = nullptr;
    bool m_prepared = false;
    QString m_prepareError;
};

} // namespace inlet
