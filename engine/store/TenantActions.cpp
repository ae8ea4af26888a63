#include "store/TenantActions.h"

#include "store/ParameterReader.h"
#include "store/RecordWriter.h"
#include "store/SqlStatement.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionOutcome TenantActions::set(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                 const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();
    QString field;
    QString problem;
    const auto patch = RecordPatch::read(payload, RecordPatch::objectColumns(), {u"id"_s}, &field, &problem);
    if (!patch)
        return ActionOutcome::skipped(field, u"parameter '%1' %2"_s.arg(field, problem));

    const bool created = RecordWriter(db, env, ctx).upsertTenant(id, *patch);
    return ActionOutcome::success({{u"id"_s, id}, {u"created"_s, created}});
}

ActionOutcome TenantActions::remove(const QSqlDatabase &db, const QString &env, const QJsonObject &payload)
{
    ParameterReader params(payload);
    const QString id = params.requiredId(u"id"_s);
    if (params.failed())
        return params.failure();

    // Memberships and runs that name the tenant are history, not references
    // that break: they are kept.
    SqlStatement del(db, u"DELETE FROM tenants WHERE env = ? AND id = ?"_s);
    del.bind(env).bind(id).exec();
    return ActionOutcome::success({{u"id"_s, id}, {u"deleted"_s, del.rowsAffected() > 0}});
}

} // namespace inlet
