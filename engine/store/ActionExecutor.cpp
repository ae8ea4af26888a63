#include "store/ActionExecutor.h"

#include "store/AudienceActions.h"
#include "store/ObjectActions.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"
#include "store/SubscriptionActions.h"
#include "store/TenantActions.h"
#include "store/UserActions.h"
#include "store/WorkflowActions.h"
#include "util/Ulid.h"

#include <QDateTime>

#include <exception>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// Fills what the caller left out: the time, an id generator, and a null
// (rather than empty) event id so `updated_by_event` stays SQL NULL.
ActionContext completed(const ActionContext &ctx)
{
    static UlidGenerator fallbackIds;
    ActionContext c = ctx;
    if (c.nowMs <= 0)
        c.nowMs = QDateTime::currentMSecsSinceEpoch();
    if (!c.ids)
        c.ids = &fallbackIds;
    if (c.eventId.isEmpty())
        c.eventId = QString();
    return c;
}

void run(const QSqlDatabase &db, const QString &sql)
{
    SqlStatement(db, sql).exec();
}

} // namespace

ActionOutcome ActionExecutor::execute(QSqlDatabase &db, const QString &env, ActionType type, const QJsonObject &payload,
                                      const ActionContext &ctx)
{
    const ActionContext c = completed(ctx);
    bool inSavepoint = false;
    // Undoes a half-done action; a second failure here is not the one worth
    // reporting, so it is dropped.
    const auto abandon = [&] {
        if (!inSavepoint)
            return;
        try {
            run(db, u"ROLLBACK TO SAVEPOINT inlet_action"_s);
            run(db, u"RELEASE SAVEPOINT inlet_action"_s);
        } catch (...) {
        }
    };
    try {
        run(db, u"SAVEPOINT inlet_action"_s);
        inSavepoint = true;
        const ActionOutcome outcome = dispatch(db, env, type, payload, c);
        if (!outcome.isSuccess())
            run(db, u"ROLLBACK TO SAVEPOINT inlet_action"_s);
        run(db, u"RELEASE SAVEPOINT inlet_action"_s);
        return outcome;
    } catch (const StoreFailure &failure) {
        abandon();
        return ActionOutcome::failed(failure.message());
    } catch (const std::exception &e) {
        abandon();
        return ActionOutcome::failed(u"internal error: "_s + QString::fromLocal8Bit(e.what()));
    } catch (...) {
        abandon();
        return ActionOutcome::failed(u"internal error"_s);
    }
}

ActionOutcome ActionExecutor::dispatch(const QSqlDatabase &db, const QString &env, ActionType type,
                                       const QJsonObject &payload, const ActionContext &ctx)
{
    switch (type) {
    case ActionType::UsersIdentify:
        return UserActions::identify(db, env, payload, ctx);
    case ActionType::UsersDelete:
        return UserActions::remove(db, env, payload);
    case ActionType::ObjectsSet:
        return ObjectActions::set(db, env, payload, ctx);
    case ActionType::ObjectsDelete:
        return ObjectActions::remove(db, env, payload);
    case ActionType::TenantsSet:
        return TenantActions::set(db, env, payload, ctx);
    case ActionType::TenantsDelete:
        return TenantActions::remove(db, env, payload);
    case ActionType::ObjectsSubscribe:
        return SubscriptionActions::subscribe(db, env, payload, ctx);
    case ActionType::ObjectsUnsubscribe:
        return SubscriptionActions::unsubscribe(db, env, payload);
    case ActionType::AudiencesAddMember:
        return AudienceActions::addMembers(db, env, payload, ctx);
    case ActionType::AudiencesRemoveMember:
        return AudienceActions::removeMembers(db, env, payload);
    case ActionType::WorkflowsCancel:
        return WorkflowActions::cancel(db, env, payload, ctx);
    case ActionType::WorkflowsTrigger:
        return WorkflowActions::trigger(db, env, payload, ctx);
    }
    return ActionOutcome::failed(u"unknown action type"_s);
}

} // namespace inlet
