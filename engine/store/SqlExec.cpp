#include "store/SqlExec.h"

#include "store/SqlDialect.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"

#include <QSqlError>
#include <QSqlQuery>

namespace inlet {

bool sqlExec(QSqlDatabase &db, const QString &sql, QString *error)
{
    // BEGIN, COMMIT, SAVEPOINT and RELEASE run several times per event on the
    // store thread: compiled once per connection like every other statement.
    if (SqlDialect::of(db).isPostgres()) {
        // PostgreSQL prepares only SELECT, INSERT, UPDATE and DELETE.
        QSqlQuery plain(db);
        if (plain.exec(sql))
            return true;
        if (error)
            *error = plain.lastError().text();
        return false;
    }
    try {
        SqlStatement q(db, sql);
        q.exec();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

} // namespace inlet
