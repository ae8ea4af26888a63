#include "store/SqlExec.h"

#include "store/CachedQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace inlet {

bool sqlExec(QSqlDatabase &db, const QString &sql, QString *error)
{
    // BEGIN, COMMIT, SAVEPOINT and RELEASE run several times per event on the
    // store thread: compiled once per connection like every other statement.
    CachedQuery q(db, sql);
    if (q.isPrepared() && q->exec())
        return true;
    if (error)
        *error = q.error();
    return false;
}

} // namespace inlet
