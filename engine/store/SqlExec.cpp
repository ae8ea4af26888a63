#include "store/SqlExec.h"

#include <QSqlError>
#include <QSqlQuery>

namespace inlet {

bool sqlExec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace inlet
