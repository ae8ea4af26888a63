#pragma once

#include "logs/LogFilter.h"

#include <QStringList>
#include <QVariantList>

namespace inlet {

// The WHERE clause of a LogFilter with bound values, for read-only queries
// outside EventLog (page bounds, counts). It follows EventLog.cpp's builder
// clause for clause, so a scan here sees exactly the rows EventLog::events
// and EventLog::actions page through.
struct LogWhere
{
    QStringList clauses;
    QVariantList values;
    QString error;

    static LogWhere events(const LogFilter &filter);
    static LogWhere actions(const LogFilter &filter);

    QString sql() const; // " WHERE ..." or empty
};

} // namespace inlet
