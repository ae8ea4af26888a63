#include "store/ObjectActions.h"

#include "store/ParameterReader.h"
#include "store/RecordWriter.h"
#include "store/SqlStatement.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionOutcome ObjectActions::set(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                 const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString collection = params.requiredId(u"collection"_s);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();
    QString field;
    QString problem;
    const auto patch =
        RecordPatch::read(payload, RecordPatch::objectColumns(), {u"collection"_s, u"id"_s}, &field, &problem);
    if (!patch)
        return ActionOutcome::skipped(field, u"parameter '%1' %2"_s.arg(field, problem));

    const bool created = RecordWriter(db, env, ctx).upsertObject(collection, id, *patch);
    return ActionOutcome::success({{u"collection"_s, collection}, {u"id"_s, id}, {u"created"_s, created}});
}

ActionOutcome ObjectActions::remove(const QSqlDatabase &db, const QString &env, const QJsonObject &payload)
{
    ParameterReader params(payload);
    const QString collection = params.requiredId(u"collection"_s);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();

    SqlStatement del(db, u"DELETE FROM objects WHERE env = ? AND collection = ? AND id = ?"_s);
    del.bind(env).bind(collection).bind(id).exec();
    // Its subscribers, and its own subscriptions when it was a recipient.
    SqlStatement subs(db, u"DELETE FROM subscriptions WHERE env = ? AND ((collection = ? AND object_id = ?)"
                          " OR (recipient_collection = ? AND recipient_id = ?))"_s);
    subs.bind(env).bind(collection).bind(id).bind(collection).bind(id).exec();
    return ActionOutcome::success(
        {{u"collection"_s, collection}, {u"id"_s, id}, {u"deleted"_s, del.rowsAffected() > 0}});
}

} // namespace inlet
