#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"
#include "store/ActionType.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// Applies one action to the store of environment `env` (SPEC 9).
//
// `payload` holds the resolved parameter values: a parameter that resolved
// to "missing" is absent, JSON null is present as null.
//
// The caller owns the transaction (the event's actions, logs and status
// commit together); execute() never BEGINs or COMMITs. It wraps the action in
// a SAVEPOINT instead, so an action that ends in `error` or `skipped`, or
// fails half-way on SQL, leaves the store exactly as it found it while the
// event's other actions keep their effects (SPEC 9.1). Outside a transaction
// the savepoint acts as one (SQLite).
//
// Never throws: SQL failures become Status::Error with the driver's message.
class ActionExecutor final
{
public:
    static ActionOutcome execute(QSqlDatabase &db, const QString &env, ActionType type, const QJsonObject &payload,
                                 const ActionContext &ctx);
    // Ends the savepoint that actions run with ActionContext::openSavepoint
    // left open, if any.
    static bool releaseSavepoint(QSqlDatabase &db, bool *openSavepoint, QString *error);

private:
    static ActionOutcome dispatch(const QSqlDatabase &db, const QString &env, ActionType type,
                                  const QJsonObject &payload, const ActionContext &ctx);
};

} // namespace inlet
