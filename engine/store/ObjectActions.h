#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// objects_set and objects_delete (SPEC 9).
class ObjectActions final
{
public:
    static ActionOutcome set(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                             const ActionContext &ctx);
    static ActionOutcome remove(const QSqlDatabase &db, const QString &env, const QJsonObject &payload);
};

} // namespace inlet
