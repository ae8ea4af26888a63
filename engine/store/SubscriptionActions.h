#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// objects_subscribe and objects_unsubscribe (SPEC 9).
class SubscriptionActions final
{
public:
    static ActionOutcome subscribe(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                   const ActionContext &ctx);
    static ActionOutcome unsubscribe(const QSqlDatabase &db, const QString &env, const QJsonObject &payload);
};

} // namespace inlet
