#pragma once

#include <QSqlDatabase>
#include <QString>

namespace inlet {

// A workflow run's data copied whole from its event's body is kept as the
// body path (workflow_runs.data_from_body) while the body is in the log.
// The store outlives the log: before retention deletes bodies, their runs
// get their data back as text of their own.
class RunDataFromBody final
{
public:
    // Copies into `data` the referenced data of every run whose event's seq
    // `seqSql` selects (SQL with two placeholders, bound to `cutoffMs` and
    // `limit`). Returns the runs updated, or -1 with `error` set.
    static qint64 keepBeforeDeleting(const QSqlDatabase &db, const QString &seqSql, qint64 cutoffMs, int limit,
                                     QString *error);
};

} // namespace inlet
