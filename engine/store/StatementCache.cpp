#include "store/StatementCache.h"

#include <QSqlDriver>
#include <QThread>

namespace inlet {
namespace {

// Generated SQL (log filters) varies; the store's own statements number a
// few dozen. Beyond this the idle entries are dropped and compiled again.
constexpr qsizetype kMaxEntries = 128;

} // namespace

StatementCache::StatementCache(QSqlDriver *driver)
    : QObject(driver)
{
    setObjectName(QStringLiteral("inlet-statement-cache"));
}

StatementCache *StatementCache::of(QSqlDriver *driver)
{
    if (!driver || driver->thread() != QThread::currentThread())
        return nullptr;
    if (auto *cache = driver->findChild<StatementCache *>(QString(), Qt::FindDirectChildrenOnly))
        return cache;
    return new StatementCache(driver);
}

StatementCache::Entry *StatementCache::entry(const QSqlDatabase &db, const QString &sql)
{
    auto it = m_entries.find(sql);
    if (it != m_entries.end())
        return it.value()->busy ? nullptr : it.value().get();
    if (m_entries.size() >= kMaxEntries) {
        for (auto i = m_entries.begin(); i != m_entries.end();)
            i = i.value()->busy ? std::next(i) : m_entries.erase(i);
    }
    auto e = std::make_shared<Entry>();
    e->query = QSqlQuery(db);
    e->query.setForwardOnly(true);
    return m_entries.insert(sql, std::move(e)).value().get();
}

} // namespace inlet
