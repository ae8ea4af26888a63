#pragma once

#include <QByteArray>
#include <QString>

namespace inlet {

// A value kept by reference to its event's stored body: an action payload's
// member (ActionRecord::payloadFromBody) or a workflow run's data
// (workflow_runs.data_from_body), named by a plain body path.
class BodyReference final
{
public:
    // The text of the value at `path` in `body`, as the sender wrote it
    // without the whitespace between tokens (what ValueSpec::bodyText stores
    // inline); a null QByteArray when there is none (no such path, or the
    // body is gone).
    static QByteArray text(const QByteArray &body, const QString &path);
};

} // namespace inlet
