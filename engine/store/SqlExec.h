#pragma once

#include <QSqlDatabase>
#include <QString>

namespace inlet {

// Runs one statement without bound values (BEGIN, COMMIT, SAVEPOINT...);
// on failure fills `error` (when given) with the driver's message.
bool sqlExec(QSqlDatabase &db, const QString &sql, QString *error);

} // namespace inlet
