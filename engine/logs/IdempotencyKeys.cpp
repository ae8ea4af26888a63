#include "logs/IdempotencyKeys.h"

#include "store/CachedQuery.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

qint64 IdempotencyKeys::forgetBefore(QSqlDatabase &db, qint64 cutoffMs, int batch, QString *error)
{
    // By key (the table has no rowid on SQLite), found through the
    // processed_at index.
    CachedQuery q(db, u"DELETE FROM idempotency WHERE (env, source, event_type, key) IN"
                      " (SELECT env, source, event_type, key FROM idempotency WHERE processed_at < ?"
                      " ORDER BY processed_at LIMIT ?)"_s);
    q->addBindValue(cutoffMs);
    q->addBindValue(batch);
    if (!q.isPrepared() || !q->exec()) {
        if (error)
            *error = q.error();
        return -1;
    }
    return q->numRowsAffected();
}

} // namespace inlet
