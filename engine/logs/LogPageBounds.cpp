#include "logs/LogPageBounds.h"

#include "logs/LogWhere.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

LogPageBounds LogPageBounds::scan(QSqlDatabase &db, Table table, const LogFilter &filter, int pageSize,
                                  const std::function<bool()> &cancelled)
{
    LogPageBounds out;
    const bool actions = table == Table::Actions;
    const LogWhere w = actions ? LogWhere::actions(filter, db) : LogWhere::events(filter, db);
    if (!w.error.isEmpty()) {
        out.error = w.error;
        return out;
    }
    if (pageSize <= 0) {
        out.error = u"page size must be positive"_s;
        return out;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT seq FROM "_s + (actions ? u"actions"_s : u"events"_s) + w.sql() + u" ORDER BY seq DESC"_s);
    for (const QVariant &v : w.values)
        q.addBindValue(v);
    if (!q.exec()) {
        out.error = q.lastError().text();
        return out;
    }
    qint64 n = 0;
    while (q.next()) {
        ++n;
        if (n % pageSize == 0)
            out.bounds.append(q.value(0).toLongLong());
        if ((n & 4095) == 0 && cancelled && cancelled()) {
            out.bounds.clear();
            return out; // count stays -1
        }
    }
    if (q.lastError().isValid()) {
        out.error = q.lastError().text();
        out.bounds.clear();
        return out;
    }
    // A bound after the last row would announce an empty page.
    if (!out.bounds.isEmpty() && n % pageSize == 0)
        out.bounds.removeLast();
    out.count = n;
    return out;
}

} // namespace inlet
