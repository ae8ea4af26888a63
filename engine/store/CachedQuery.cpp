#include "store/CachedQuery.h"

#include "store/StatementCache.h"

#include <QSqlDriver>
#include <QSqlError>

namespace inlet {

CachedQuery::CachedQuery(const QSqlDatabase &db, const QString &sql)
{
    StatementCache::Entry *e = nullptr;
    if (StatementCache *cache = StatementCache::of(db.driver()))
        e = cache->entry(db, sql);
    if (!e) {
        m_own = QSqlQuery(db);
        m_own.setForwardOnly(true);
        m_prepared = m_own.prepare(sql);
        if (!m_prepared)
            m_prepareError = m_own.lastError().text();
        return;
    }
    if (!e->prepared)
        e->prepared = e->query.prepare(sql);
    m_query = &e->query;
    m_prepared = e->prepared;
    m_busy = &e->busy;
    e->busy = true;
    if (!m_prepared)
        m_prepareError = e->query.lastError().text();
}

CachedQuery::~CachedQuery()
{
    // Resets the SQLite statement: a half-read SELECT would otherwise keep
    // its read transaction (and block WAL checkpoints) until its next use.
    m_query->finish();
    if (m_busy)
        *m_busy = false;
}

QString CachedQuery::error() const
{
    return m_prepared ? m_query->lastError().text() : m_prepareError;
}

} // namespace inlet
