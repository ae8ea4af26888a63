#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

namespace inlet {

// audiences_add_member and audiences_remove_member (SPEC 9). `users` takes
// the recipient shapes restricted to users, and also Knock's member form
// `{"user": <id or user object>, "tenant": "t1"}` whose tenant overrides the
// action's `tenant` for that member.
class AudienceActions final
{
public:
    static ActionOutcome addMembers(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                    const ActionContext &ctx);
    static ActionOutcome removeMembers(const QSqlDatabase &db, const QString &env, const QJsonObject &payload);
};

} // namespace inlet
