#include "store/WorkflowActions.h"

#include "store/JsonText.h"
#include "store/ParameterReader.h"
#include "store/RecipientParser.h"
#include "store/RecordWriter.h"
#include "store/SqlStatement.h"
#include "util/JsonMembers.h"
#include "util/JsonWriter.h"
#include "util/Ulid.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool WorkflowActions::workflowExists(const QSqlDatabase &db, const QString &env, const QString &key)
{
    SqlStatement q(db, u"SELECT 1 FROM workflows WHERE env = ? AND key = ?"_s);
    q.bind(env).bind(key).exec();
    return q.next();
}

ActionOutcome WorkflowActions::unknownWorkflow(const QString &env, const QString &key)
{
    return ActionOutcome::failed(u"workflow '%1' does not exist in environment '%2'"_s.arg(key, env), u"key"_s);
}

ActionOutcome WorkflowActions::trigger(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                       const ActionContext &ctx)
{
    // Every parameter is checked, in declared order, before anything is
    // written: the message names the first one at fault and a skipped
    // trigger has identified nobody.
    ParameterReader params(payload);
    const QString key = params.requiredString(u"key"_s);
    const QJsonValue recipientsValue = params.requiredValue(u"recipients"_s);
    if (params.failed())
        return params.failure();
    ActionOutcome failure;
    const auto recipients = RecipientParser::parseList(recipientsValue, u"recipients"_s,
                                                       RecipientParser::Accept::UsersAndObjects, &failure);
    if (!recipients)
        return failure;
    const QJsonObject data = params.requiredObject(u"data"_s);
    const QJsonValue actorValue = params.optionalValue(u"actor"_s);
    if (params.failed())
        return params.failure();
    std::optional<RecipientRef> actor;
    if (!actorValue.isUndefined()) {
        actor = RecipientParser::parseOne(actorValue, u"actor"_s, &failure);
        if (!actor)
            return failure;
    }
    const QString tenant = params.optionalId(u"tenant"_s);
    const QString cancellationKey = params.optionalId(u"cancellation_key"_s);
    if (params.failed())
        return params.failure();

    if (ctx.workflows ? !ctx.workflows->contains(key) : !workflowExists(db, env, key))
        return unknownWorkflow(env, key);

    RecordWriter writer(db, env, ctx);
    writer.writeInline(*recipients);
    if (actor)
        writer.writeInline({*actor});
    QJsonArray leftOut;
    const QList<RecipientRef> kept = writer.keepExisting(*recipients, &leftOut);
    if (kept.isEmpty())
        return ActionOutcome::failed(
            u"no recipient left to trigger workflow '%1': none is an identified user or an existing object"_s.arg(key),
            u"recipients"_s, {{u"recipients"_s, QJsonArray()}, {u"left_out"_s, leftOut}});

    QJsonArray runRecipients;
    for (const RecipientRef &r : kept)
        runRecipients.append(r.toJson());
    const QString runId = u"run_"_s + QString::fromLatin1(ctx.ids->next(ctx.nowMs));
    // Data copied whole from the event's body, and long, is kept as its body
    // path until log retention deletes the body, which copies it here first
    // (EventLog::deleteOlderThan); StoreQueries::runs reads it from the body.
    const QString dataFromBody = ctx.payloadFromBody ? ctx.payloadFromBody->value(u"data"_s).toString() : QString();
    SqlStatement insert(db, u"INSERT INTO workflow_runs (env, id, workflow, recipients, actor, tenant, data,"
                            " data_from_body, cancellation_key, status, created_at, event_id)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)"_s);
    insert.bind(env)
        .bind(runId)
        .bind(key)
        .bindUtf8(JsonWriter::write(runRecipients))
        .bindUtf8(actor ? JsonWriter::write(actor->toJson()) : QByteArray())
        .bindText(tenant)
        .bindUtf8(!dataFromBody.isEmpty() ? QByteArray()
                  : ctx.payloadJson       ? ctx.payloadJson->member(u"data")
                                          : JsonWriter::write(data))
        .bindText(dataFromBody)
        .bindText(cancellationKey)
        .bind(ctx.nowMs)
        .bindText(ctx.eventId)
        .exec();
    return ActionOutcome::success(
        {{u"workflow_run_id"_s, runId}, {u"recipients"_s, runRecipients}, {u"left_out"_s, leftOut}});
}

ActionOutcome WorkflowActions::cancel(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                      const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString key = params.requiredString(u"key"_s);
    const QString cancellationKey = params.requiredId(u"cancellation_key"_s);
    const QJsonValue recipientsValue = params.optionalValue(u"recipients"_s);
    if (params.failed())
        return params.failure();
    std::optional<QList<RecipientRef>> recipients;
    if (!recipientsValue.isUndefined()) {
        ActionOutcome failure;
        recipients = RecipientParser::parseList(recipientsValue, u"recipients"_s,
                                                RecipientParser::Accept::UsersAndObjects, &failure);
        if (!recipients)
            return failure;
    }
    if (ctx.workflows ? !ctx.workflows->contains(key) : !workflowExists(db, env, key))
        return unknownWorkflow(env, key);

    // Runs are few per cancellation key (the index finds them); matching
    // recipients inside the stored JSON is done here, portable to any SQL.
    SqlStatement find(db, u"SELECT id, recipients FROM workflow_runs WHERE env = ? AND workflow = ?"
                          " AND cancellation_key = ? AND status = 'active' ORDER BY created_at, id"_s);
    find.bind(env).bind(key).bind(cancellationKey).exec();
    QStringList matching;
    while (find.next()) {
        if (recipients) {
            const QJsonArray stored = JsonText::toArray(find.text(1));
            const bool any = std::any_of(stored.begin(), stored.end(), [&](const QJsonValue &v) {
                const RecipientRef r = RecipientRef::fromJson(v);
                return std::any_of(recipients->cbegin(), recipients->cend(),
                                   [&](const RecipientRef &wanted) { return wanted.sameAs(r); });
            });
            if (!any)
                continue;
        }
        matching.append(find.text(0));
    }

    QJsonArray cancelled;
    for (const QString &runId : matching) {
        SqlStatement update(db, u"UPDATE workflow_runs SET status = 'cancelled', cancelled_at = ?"
                                " WHERE env = ? AND id = ? AND status = 'active'"_s);
        update.bind(ctx.nowMs).bind(env).bind(runId).exec();
        if (update.rowsAffected() > 0)
            cancelled.append(runId);
    }
    return ActionOutcome::success({{u"cancelled"_s, int(cancelled.size())}, {u"workflow_run_ids"_s, cancelled}});
}

} // namespace inlet
