#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// workflows_trigger and workflows_cancel (SPEC 9). `ctx.ids` must be set
// (ActionExecutor sees to it).
class WorkflowActions final
{
public:
    static ActionOutcome trigger(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                 const ActionContext &ctx);
    static ActionOutcome cancel(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                const ActionContext &ctx);

private:
    static bool workflowExists(const QSqlDatabase &db, const QString &env, const QString &key);
    static ActionOutcome unknownWorkflow(const QString &env, const QString &key);
};

} // namespace inlet
