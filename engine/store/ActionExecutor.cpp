#include "store/ActionExecutor.h"

#include "store/AudienceActions.h"
#include "store/ObjectActions.h"
#include "store/SqlDialect.h"
#include "store/SqlExec.h"
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

// Not prepared: PostgreSQL cannot PREPARE a SAVEPOINT.
void run(QSqlDatabase &db, const QString &sql)
{
    QString error;
    if (!sqlExec(db, sql, &error))
        throw StoreFailure(u"database error: "_s + error);
}

} // namespace

ActionOutcome ActionExecutor::execute(QSqlDatabase &db, const QString &env, ActionType type, const QJsonObject &payload,
                                      const ActionContext &ctx)
{
    const ActionContext c = completed(ctx);
    bool inSavepoint = false;
    // SQLite lets a savepoint outside a transaction act as one; PostgreSQL
    // refuses it, so there the executor opens (and ends) the transaction itself.
    bool ownTransaction = false;
    const bool probe = !c.inTransaction && SqlDialect::of(db).isPostgres();
    if (probe && !sqlExec(db, u"SAVEPOINT inlet_probe"_s, nullptr)) {
        ownTransaction = sqlExec(db, u"BEGIN"_s, nullptr);
    } else if (probe) {
        sqlExec(db, u"RELEASE SAVEPOINT inlet_probe"_s, nullptr);
    }
    const auto end = [&](const ActionOutcome &outcome) {
        if (ownTransaction && !sqlExec(db, u"COMMIT"_s, nullptr)) {
            sqlExec(db, u"ROLLBACK"_s, nullptr);
            return ActionOutcome::failed(u"database error: the commit failed"_s);
        }
        return outcome;
    };
    // PostgreSQL, for an event's actions: the savepoint stays open for the
    // next action or the caller to release (ActionContext::openSavepoint).
    const bool chained = c.openSavepoint && c.inTransaction && SqlDialect::of(db).isPostgres();
    // Undoes a half-done action; a second failure here is not the one worth
    // reporting, so it is dropped. ROLLBACK TO leaves the savepoint open: a
    // chained one stays so.
    const auto abandon = [&] {
        if (!inSavepoint)
            return;
        try {
            run(db, u"ROLLBACK TO SAVEPOINT inlet_action"_s);
            if (!chained)
                run(db, u"RELEASE SAVEPOINT inlet_action"_s);
        } catch (...) {
        }
    };
    try {
        run(db, chained && *c.openSavepoint ? u"RELEASE SAVEPOINT inlet_action; SAVEPOINT inlet_action"_s
                                            : u"SAVEPOINT inlet_action"_s);
        inSavepoint = true;
        if (chained)
            *c.openSavepoint = true;
        const ActionOutcome outcome = dispatch(db, env, type, payload, c);
        if (!outcome.isSuccess())
            run(db, u"ROLLBACK TO SAVEPOINT inlet_action"_s);
        if (!chained)
            run(db, u"RELEASE SAVEPOINT inlet_action"_s);
        return end(outcome);
    } catch (const StoreFailure &failure) {
        abandon();
        return end(ActionOutcome::failed(failure.message()));
    } catch (const std::exception &e) {
        abandon();
        return end(ActionOutcome::failed(u"internal error: "_s + QString::fromLocal8Bit(e.what())));
    } catch (...) {
        abandon();
        return end(ActionOutcome::failed(u"internal error"_s));
    }
}

bool ActionExecutor::releaseSavepoint(QSqlDatabase &db, bool *openSavepoint, QString *error)
{
    if (!*openSavepoint)
        return true;
    *openSavepoint = false;
    return sqlExec(db, u"RELEASE SAVEPOINT inlet_action"_s, error);
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
