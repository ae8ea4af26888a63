#pragma once

#include "logs/LogFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <functional>

namespace inlet {

// Where every page of a filtered log starts, so a table can jump to any page
// with a keyset query (`seq < bound ORDER BY seq DESC LIMIT n`) instead of
// OFFSET. One pass over `seq` newest first (the env/source/status/type
// indexes cover it), keeping every `pageSize`-th key; it also yields the
// row count, so it replaces a separate count(*).
struct LogPageBounds
{
    enum class Table { Events, Actions };

    qint64 count = -1;    // rows matching (with seq < filter.beforeSeq when set); -1 on error or cancel
    QList<qint64> bounds; // bounds[k]: exclusive upper seq of page k + 1 (the seq of its page's last row)
    QString error;

    // `cancelled` is polled every few thousand rows: a superseded scan stops.
    static LogPageBounds scan(QSqlDatabase &db, Table table, const LogFilter &filter, int pageSize,
                              const std::function<bool()> &cancelled = {});
};

} // namespace inlet
