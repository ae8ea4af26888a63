#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace inlet {

class JsonMembers;
class UlidGenerator;

// What an action needs besides its parameters: the event it belongs to (kept
// in `updated_by_event` and on workflow runs), the clock (passed in so a whole
// event uses one time and tests can pin it) and the id generator for runs.
struct ActionContext
{
    QString eventId;              // may be empty (e.g. a direct API write)
    qint64 nowMs = 0;             // <= 0: the current time
    UlidGenerator *ids = nullptr; // nullptr: a process-wide generator
    // The payload's members as JSON text, when already written (a planned
    // mapping action): a value stored whole (a run's data) is not written again.
    const JsonMembers *payloadJson = nullptr;
    // {member: body path} for the payload's members copied whole from the
    // event's stored body and long enough to be kept by reference to it
    // (PlannedAction::fromBody): a run stores such a `data` as its path.
    const QJsonObject *payloadFromBody = nullptr;
    // The caller holds a transaction (event processing always does). Else,
    // on PostgreSQL, the executor asks the server whether it is in one and
    // opens its own if not: two more round trips per action.
    bool inTransaction = false;
    // The environment's workflow keys in the configuration the event is
    // processed with (the table holds the same keys: only the configuration
    // writes it). nullptr: the workflows table is read, one more statement
    // (on PostgreSQL a round trip) per trigger or cancel.
    const QStringList *workflows = nullptr;
    // PostgreSQL, in the caller's transaction, for an event's actions run one
    // after another: true while the previous action's savepoint is still
    // open. The next action releases it in the round trip that opens its own
    // (a round trip less per action after the first); the caller releases
    // the last one (ActionExecutor::releaseSavepoint). nullptr: every action
    // releases its own.
    bool *openSavepoint = nullptr;
};

} // namespace inlet
