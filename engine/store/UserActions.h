#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// users_identify and users_delete (SPEC 9). Called through ActionExecutor,
// which catches StoreFailure and keeps each action atomic.
class UserActions final
{
public:
    static ActionOutcome identify(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                  const ActionContext &ctx);
    static ActionOutcome remove(const QSqlDatabase &db, const QString &env, const QJsonObject &payload);
};

} // namespace inlet
