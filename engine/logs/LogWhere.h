#pragma once

#include "logs/LogFilter.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

namespace inlet {

// The WHERE clause of a LogFilter with bound values: the one builder of
// EventLog's pages and counts and the GUI's page bounds, so every query sees
// exactly the same rows.
struct LogWhere
{
    QStringList clauses;
    QVariantList values;
    QString error;

    // `db` finds the seq bounds of a time range (see timeToSeq in the .cpp).
    static LogWhere events(const LogFilter &filter, const QSqlDatabase &db);
    // `db` says which SQL to write (SQLite or PostgreSQL), for both.
    static LogWhere actions(const LogFilter &filter, const QSqlDatabase &db);

    QString sql() const; // " WHERE ..." or empty
};

} // namespace inlet
