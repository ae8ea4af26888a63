#include "store/SubscriptionActions.h"

#include "store/JsonText.h"
#include "store/ParameterReader.h"
#include "store/RecipientParser.h"
#include "store/RecordWriter.h"
#include "store/SqlDialect.h"
#include "store/SqlStatement.h"
#include "util/JsonWriter.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionOutcome SubscriptionActions::subscribe(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                             const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString collection = params.requiredId(u"collection"_s);
    const QString id = params.requiredId(u"id"_s);
    const QJsonValue recipientsValue = params.requiredValue(u"recipients"_s);
    if (params.failed())
        return params.failure();
    ActionOutcome failure;
    const auto recipients = RecipientParser::parseList(recipientsValue, u"recipients"_s,
                                                       RecipientParser::Accept::UsersAndObjects, &failure);
    if (!recipients)
        return failure;
    const std::optional<QJsonObject> properties = params.optionalObject(u"properties"_s);
    if (params.failed())
        return params.failure();

    RecordWriter writer(db, env, ctx);
    // Like Knock, subscriptions hang off an object that was set before.
    if (!writer.objectExists(collection, id))
        return ActionOutcome::failed(u"object '%1/%2' does not exist in environment '%3'"_s.arg(collection, id, env),
                                     u"id"_s);
    writer.writeInline(*recipients);
    QJsonArray leftOut;
    const QList<RecipientRef> kept = writer.keepExisting(*recipients, &leftOut);
    if (kept.isEmpty())
        return ActionOutcome::failed(u"no recipient left to subscribe to object '%1/%2': none is an identified user or"
                                     " an existing object"_s.arg(collection, id),
                                     u"recipients"_s, {{u"recipients"_s, QJsonArray()}, {u"left_out"_s, leftOut}});

    QJsonArray subscribed;
    int added = 0;
    for (const RecipientRef &r : kept) {
        RecordPatch patch;
        patch.properties = properties.value_or(QJsonObject());
        // Insert first: a concurrent subscriber (another instance on the same
        // PostgreSQL database) makes this wait and do nothing, and the merge
        // below then sees its row.
        SqlStatement insert(db, u"INSERT INTO subscriptions (env, collection, object_id, recipient_collection,"
                                " recipient_id, properties, created_at, updated_by_event)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1"_s);
        insert.bind(env)
            .bind(collection)
            .bind(id)
            .bindNonNull(r.collection)
            .bind(r.id)
            .bindUtf8(JsonWriter::write(patch.mergedInto(QJsonObject())))
            .bind(ctx.nowMs)
            .bindText(ctx.eventId)
            .exec();
        if (insert.next()) {
            ++added;
            subscribed.append(r.toJson());
            continue;
        }
        // Subscribing again keeps the subscription and merges its properties.
        SqlStatement read(db, u"SELECT properties FROM subscriptions WHERE env = ? AND collection = ? AND object_id = ?"
                              " AND recipient_collection = ? AND recipient_id = ?"_s +
                                  SqlDialect::of(db).forUpdate());
        read.bind(env).bind(collection).bind(id).bindNonNull(r.collection).bind(r.id).exec();
        const QJsonObject before = read.next() ? JsonText::toObject(read.text(0)) : QJsonObject();
        SqlStatement update(db, u"UPDATE subscriptions SET properties = ?, updated_by_event = ? WHERE env = ?"
                                " AND collection = ? AND object_id = ? AND recipient_collection = ?"
                                " AND recipient_id = ?"_s);
        update.bindUtf8(JsonWriter::write(patch.mergedInto(before)))
            .bindText(ctx.eventId)
            .bind(env)
            .bind(collection)
            .bind(id)
            .bindNonNull(r.collection)
            .bind(r.id)
            .exec();
        subscribed.append(r.toJson());
    }
    return ActionOutcome::success({{u"collection"_s, collection},
                                   {u"id"_s, id},
                                   {u"recipients"_s, subscribed},
                                   {u"added"_s, added},
                                   {u"left_out"_s, leftOut}});
}

ActionOutcome SubscriptionActions::unsubscribe(const QSqlDatabase &db, const QString &env, const QJsonObject &payload)
{
    ParameterReader params(payload);
    const QString collection = params.requiredId(u"collection"_s);
    const QString id = params.requiredId(u"id"_s);
    const QJsonValue recipientsValue = params.requiredValue(u"recipients"_s);
    if (params.failed())
        return params.failure();
    ActionOutcome failure;
    const auto recipients = RecipientParser::parseList(recipientsValue, u"recipients"_s,
                                                       RecipientParser::Accept::UsersAndObjects, &failure);
    if (!recipients)
        return failure;
    // Accepted for symmetry with subscribe (SPEC 9 lists it) but unused:
    // a removed subscription has no properties left to change.
    params.optionalObject(u"properties"_s);
    if (params.failed())
        return params.failure();

    // Like a delete, removing what is not there is not a failure; the
    // result says which recipients were not subscribed.
    QJsonArray removed;
    QJsonArray leftOut;
    for (const RecipientRef &r : RecipientRef::distinct(*recipients)) {
        SqlStatement del(db, u"DELETE FROM subscriptions WHERE env = ? AND collection = ? AND object_id = ?"
                             " AND recipient_collection = ? AND recipient_id = ?"_s);
        del.bind(env).bind(collection).bind(id).bindNonNull(r.collection).bind(r.id).exec();
        if (del.rowsAffected() > 0)
            removed.append(r.toJson());
        else
            leftOut.append(r.leftOut(u"not subscribed"_s));
    }
    return ActionOutcome::success({{u"collection"_s, collection},
                                   {u"id"_s, id},
                                   {u"recipients"_s, removed},
                                   {u"removed"_s, int(removed.size())},
                                   {u"left_out"_s, leftOut}});
}

} // namespace inlet
