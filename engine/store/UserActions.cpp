#include "store/UserActions.h"

#include "store/ParameterReader.h"
#include "store/RecordWriter.h"
#include "store/SqlStatement.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionOutcome UserActions::identify(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                    const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();
    QString field;
    QString problem;
    const auto patch = RecordPatch::read(payload, RecordPatch::userColumns(), {u"id"_s}, &field, &problem);
    if (!patch)
        return ActionOutcome::skipped(field, u"parameter '%1' %2"_s.arg(field, problem));

    const bool created = RecordWriter(db, env, ctx).upsertUser(id, *patch);
    return ActionOutcome::success({{u"id"_s, id}, {u"created"_s, created}});
}

ActionOutcome UserActions::remove(const QSqlDatabase &db, const QString &env, const QJsonObject &payload)
{
    ParameterReader params(payload);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();

    SqlStatement del(db, u"DELETE FROM users WHERE env = ? AND id = ?"_s);
    del.bind(env).bind(id).exec();
    // A deleted user stops being a subscriber or an audience member: left
    // behind, those rows would point at nobody.
    SqlStatement subs(db,
                      u"DELETE FROM subscriptions WHERE env = ? AND recipient_collection = '' AND recipient_id = ?"_s);
    subs.bind(env).bind(id).exec();
    SqlStatement members(db, u"DELETE FROM audience_members WHERE env = ? AND user_id = ?"_s);
    members.bind(env).bind(id).exec();
    return ActionOutcome::success({{u"id"_s, id}, {u"deleted"_s, del.rowsAffected() > 0}});
}

} // namespace inlet
