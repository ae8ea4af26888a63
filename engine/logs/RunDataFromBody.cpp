#include "logs/RunDataFromBody.h"

#include "mapping/BodyReference.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"

#include <QList>

#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

qint64 RunDataFromBody::keepBeforeDeleting(const QSqlDatabase &db, const QString &seqSql, qint64 cutoffMs, int limit,
                                           QString *error)
{
    try {
        QList<std::tuple<QString, QString, QByteArray>> runs;
        {
            // workflow_runs_from_body holds only the runs that reference a body.
            SqlStatement q(db, u"SELECT t.env, t.id, t.data_from_body, b.body FROM events e"
                               " JOIN event_bodies b ON b.seq = e.seq"
                               " JOIN workflow_runs t ON t.event_id = e.id AND t.data_from_body IS NOT NULL"
                               " WHERE e.seq IN ("_s +
                                   seqSql + u")"_s);
            q.bind(cutoffMs).bind(limit).exec();
            while (q.next())
                runs.append({q.text(0), q.text(1), BodyReference::text(q.bytes(3), q.text(2))});
        }
        for (const auto &[env, id, data] : std::as_const(runs)) {
            SqlStatement u(db, u"UPDATE workflow_runs SET data = ?, data_from_body = NULL WHERE env = ? AND id = ?"_s);
            u.bindUtf8(data).bind(env).bind(id).exec();
        }
        return runs.size();
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return -1;
    }
}

} // namespace inlet
