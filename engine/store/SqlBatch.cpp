#include "store/SqlBatch.h"

#include "store/CachedQuery.h"
#include "store/SqlDialect.h"
#include "store/StoreFailure.h"

#include <QSqlError>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

SqlBatch::SqlBatch(const QSqlDatabase &db)
    : m_db(db)
    , m_collects(SqlDialect::of(db).isPostgres())
{}

void SqlBatch::exec()
{
    if (m_statements.isEmpty())
        return;
    QString sql;
    for (qsizetype i = 0; i + 1 < m_statements.size(); ++i)
        sql += (i == 0 ? u"WITH "_s : u", "_s) + u"b%1 AS ("_s.arg(i) + m_statements.at(i) + u") "_s;
    sql += m_statements.constLast();
    m_statements.clear();
    const QVariantList values = std::exchange(m_values, {});
    CachedQuery q(m_db, sql);
    if (!q.isPrepared())
        throw StoreFailure(u"database error: "_s + q.error());
    for (const QVariant &v : values)
        q->addBindValue(v);
    if (!q->exec())
        throw StoreFailure(u"database error: "_s + q->lastError().text());
}

} // namespace inlet
