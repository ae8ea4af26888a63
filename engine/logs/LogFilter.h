#pragma once

#include <QString>

namespace inlet {

// Filters shared by the event and action logs (SPEC 2 `inletd events`, and
// the GUI's log browsers). All filtering happens in SQL with bound values.
struct LogFilter
{
    QString env;
    QString source;
    QString eventType;
    QString status;
    qint64 sinceMs = 0; // 0 = unbounded
    qint64 untilMs = 0;
    QString search;       // substring of the body (events) or payload/result/error (actions)
    QString wherePath;    // `path = value` on the event: body.* or headers.*
    QString whereValue;   // JSON literal (number, true, "quoted") or bare text
    QString eventId;      // actions only
    QString actionType;   // actions only
    qint64 beforeSeq = 0; // keyset paging: rows older than this; 0 = newest
    int limit = 100;

    // Parses "PATH=VALUE"; returns false on a malformed expression.
    bool setWhere(const QString &expression, QString *error);
};

} // namespace inlet
