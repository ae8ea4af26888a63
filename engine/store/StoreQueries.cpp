#include "store/StoreQueries.h"

#include "mapping/BodyReference.h"
#include "store/JsonText.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"

#include <QDateTime>
#include <QJsonArray>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

using RowReader = std::function<QJsonObject(const SqlStatement &)>;

// One listing: its SELECT (with the table alias `t`), the columns the text
// filter searches, its order and how a row becomes JSON.
struct Listing
{
    QString select;
    QStringList textColumns;
    QString orderBy;
    RowReader row;
    QString collectionColumn; // empty: the listing has no collection
};

// Extra equality conditions for getters and per-audience listings; the
// columns are literals of this file.
struct Condition
{
    QString column;
    QString value;
};

QJsonValue text(const SqlStatement &q, int column)
{
    const QString s = q.text(column);
    return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

// LIKE with the user's text taken literally.
QString likePattern(const QString &text)
{
    QString escaped = text.toLower();
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u"%"_s + escaped + u"%"_s;
}

QList<QJsonObject> list(const QSqlDatabase &db, const Listing &listing, const QString &env, const StoreFilter &filter,
                        const QList<Condition> &conditions, QString *error)
{
    if (error)
        error->clear();
    QString sql = listing.select + u" WHERE 1 = 1"_s;
    QVariantList binds;
    if (!env.isEmpty()) {
        sql += u" AND t.env = ?"_s;
        binds << env;
    }
    for (const Condition &c : conditions) {
        sql += u" AND "_s + c.column + u" = ?"_s;
        binds << c.value;
    }
    if (!filter.collection.isEmpty() && !listing.collectionColumn.isEmpty()) {
        sql += u" AND "_s + listing.collectionColumn + u" = ?"_s;
        binds << filter.collection;
    }
    if (!filter.text.isEmpty() && !listing.textColumns.isEmpty()) {
        QStringList likes;
        for (const QString &column : listing.textColumns) {
            // LOWER() on both sides: PostgreSQL's LIKE is case-sensitive.
            likes << u"LOWER("_s + column + u") LIKE ? ESCAPE '\\'"_s;
            binds << likePattern(filter.text);
        }
        sql += u" AND ("_s + likes.join(u" OR "_s) + u")"_s;
    }
    sql += u" ORDER BY "_s + listing.orderBy;
    if (filter.limit > 0) {
        sql += u" LIMIT ?"_s;
        binds << filter.limit;
    }
    QList<QJsonObject> rows;
    try {
        SqlStatement q(db, sql);
        for (const QVariant &b : binds)
            q.bind(b);
        q.exec();
        while (q.next())
            rows.append(listing.row(q));
    } catch (const StoreFailure &failure) {
        if (error)
            *error = failure.message();
        return {};
    }
    return rows;
}

std::optional<QJsonObject> one(const QSqlDatabase &db, const Listing &listing, const QString &env,
                               const QList<Condition> &conditions, QString *error)
{
    StoreFilter filter;
    filter.limit = 1;
    const QList<QJsonObject> rows = list(db, listing, env, filter, conditions, error);
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

const Listing &userListing()
{
    static const Listing l{
        u"SELECT t.env, t.id, t.name, t.email, t.phone_number, t.avatar, t.locale, t.timezone, t.properties,"
        " t.created_at, t.updated_at, t.updated_by_event FROM users t"_s,
        {u"t.id"_s, u"t.name"_s, u"t.email"_s},
        u"t.updated_at DESC, t.id"_s,
        [](const SqlStatement &q) {
            return QJsonObject{{u"environment"_s, text(q, 0)},
                               {u"id"_s, text(q, 1)},
                               {u"name"_s, text(q, 2)},
                               {u"email"_s, text(q, 3)},
                               {u"phone_number"_s, text(q, 4)},
                               {u"avatar"_s, text(q, 5)},
                               {u"locale"_s, text(q, 6)},
                               {u"timezone"_s, text(q, 7)},
                               {u"properties"_s, JsonText::toObject(q.text(8))},
                               {u"created_at"_s, StoreQueries::isoTime(q.value(9))},
                               {u"updated_at"_s, StoreQueries::isoTime(q.value(10))},
                               {u"updated_by_event"_s, text(q, 11)}};
        },
        {}};
    return l;
}

const Listing &objectListing()
{
    static const Listing l{u"SELECT t.env, t.collection, t.id, t.name, t.properties, t.created_at, t.updated_at,"
                           " t.updated_by_event FROM objects t"_s,
                           {u"t.collection"_s, u"t.id"_s, u"t.name"_s},
                           u"t.updated_at DESC, t.collection, t.id"_s,
                           [](const SqlStatement &q) {
                               return QJsonObject{{u"environment"_s, text(q, 0)},
                                                  {u"collection"_s, text(q, 1)},
                                                  {u"id"_s, text(q, 2)},
                                                  {u"name"_s, text(q, 3)},
                                                  {u"properties"_s, JsonText::toObject(q.text(4))},
                                                  {u"created_at"_s, StoreQueries::isoTime(q.value(5))},
                                                  {u"updated_at"_s, StoreQueries::isoTime(q.value(6))},
                                                  {u"updated_by_event"_s, text(q, 7)}};
                           },
                           u"t.collection"_s};
    return l;
}

const Listing &tenantListing()
{
    static const Listing l{
        u"SELECT t.env, t.id, t.name, t.properties, t.created_at, t.updated_at, t.updated_by_event FROM tenants t"_s,
        {u"t.id"_s, u"t.name"_s},
        u"t.updated_at DESC, t.id"_s,
        [](const SqlStatement &q) {
            return QJsonObject{{u"environment"_s, text(q, 0)},
                               {u"id"_s, text(q, 1)},
                               {u"name"_s, text(q, 2)},
                               {u"properties"_s, JsonText::toObject(q.text(3))},
                               {u"created_at"_s, StoreQueries::isoTime(q.value(4))},
                               {u"updated_at"_s, StoreQueries::isoTime(q.value(5))},
                               {u"updated_by_event"_s, text(q, 6)}};
        },
        {}};
    return l;
}

const Listing &subscriptionListing()
{
    static const Listing l{
        u"SELECT t.env, t.collection, t.object_id, t.recipient_collection, t.recipient_id, t.properties,"
        " t.created_at, t.updated_by_event FROM subscriptions t"_s,
        {u"t.collection"_s, u"t.object_id"_s, u"t.recipient_id"_s},
        u"t.created_at DESC, t.collection, t.object_id, t.recipient_collection, t.recipient_id"_s,
        [](const SqlStatement &q) {
            const QString recipientCollection = q.text(3);
            const QJsonValue recipient =
                recipientCollection.isEmpty()
                    ? QJsonValue(q.text(4))
                    : QJsonValue(QJsonObject{{u"collection"_s, recipientCollection}, {u"id"_s, q.text(4)}});
            return QJsonObject{{u"environment"_s, text(q, 0)},
                               {u"collection"_s, text(q, 1)},
                               {u"object_id"_s, text(q, 2)},
                               {u"recipient"_s, recipient},
                               {u"properties"_s, JsonText::toObject(q.text(5))},
                               {u"created_at"_s, StoreQueries::isoTime(q.value(6))},
                               {u"updated_by_event"_s, text(q, 7)}};
        },
        u"t.collection"_s};
    return l;
}

const Listing &audienceListing()
{
    static const Listing l{u"SELECT t.env, t.key, t.created_at, t.updated_by_event,"
                           " (SELECT COUNT(*) FROM audience_members m WHERE m.env = t.env AND m.audience = t.key)"
                           " FROM audiences t"_s,
                           {u"t.key"_s},
                           u"t.created_at DESC, t.key"_s,
                           [](const SqlStatement &q) {
                               return QJsonObject{{u"environment"_s, text(q, 0)},
                                                  {u"key"_s, text(q, 1)},
                                                  {u"member_count"_s, q.value(4).toInt()},
                                                  {u"created_at"_s, StoreQueries::isoTime(q.value(2))},
                                                  {u"updated_by_event"_s, text(q, 3)}};
                           },
                           {}};
    return l;
}

const Listing &memberListing()
{
    static const Listing l{
        u"SELECT t.env, t.audience, t.user_id, t.tenant, t.created_at, t.updated_by_event FROM audience_members t"_s,
        {u"t.user_id"_s, u"t.tenant"_s},
        u"t.created_at DESC, t.user_id, t.tenant"_s,
        [](const SqlStatement &q) {
            const QString tenant = q.text(3);
            return QJsonObject{{u"environment"_s, text(q, 0)},
                               {u"audience"_s, text(q, 1)},
                               {u"user_id"_s, text(q, 2)},
                               {u"tenant"_s, tenant.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tenant)},
                               {u"created_at"_s, StoreQueries::isoTime(q.value(4))},
                               {u"updated_by_event"_s, text(q, 5)}};
        },
        {}};
    return l;
}

const Listing &workflowListing()
{
    static const Listing l{
        u"SELECT t.env, t.key, t.name FROM workflows t"_s,
        {u"t.key"_s, u"t.name"_s},
        u"t.env, t.key"_s,
        [](const SqlStatement &q) {
            return QJsonObject{{u"environment"_s, text(q, 0)}, {u"key"_s, text(q, 1)}, {u"name"_s, text(q, 2)}};
        },
        {}};
    return l;
}

const Listing &runListing()
{
    static const Listing l{
        // Data kept by reference (data_from_body) is read from its event's body.
        u"SELECT t.env, t.id, t.workflow, t.recipients, t.actor, t.tenant, t.data, t.cancellation_key, t.status,"
        " t.created_at, t.cancelled_at, t.event_id, t.data_from_body,"
        " CASE WHEN t.data_from_body IS NOT NULL THEN (SELECT b.body FROM events e"
        " JOIN event_bodies b ON b.seq = e.seq WHERE e.id = t.event_id) END FROM workflow_runs t"_s,
        {u"t.id"_s, u"t.workflow"_s, u"t.cancellation_key"_s, u"t.tenant"_s, u"t.recipients"_s},
        u"t.created_at DESC, t.id DESC"_s,
        [](const SqlStatement &q) {
            const QString path = q.text(12);
            const QString data = path.isNull() ? q.text(6) : QString::fromUtf8(BodyReference::text(q.bytes(13), path));
            return QJsonObject{
                {u"environment"_s, text(q, 0)},
                {u"id"_s, text(q, 1)},
                {u"workflow"_s, text(q, 2)},
                {u"recipients"_s, JsonText::toArray(q.text(3))},
                {u"actor"_s, JsonText::toValue(q.text(4))},
                {u"tenant"_s, text(q, 5)},
                {u"data"_s, data.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(JsonText::toObject(data))},
                {u"cancellation_key"_s, text(q, 7)},
                {u"status"_s, text(q, 8)},
                {u"created_at"_s, StoreQueries::isoTime(q.value(9))},
                {u"cancelled_at"_s, StoreQueries::isoTime(q.value(10))},
                {u"event_id"_s, text(q, 11)}};
        },
        {}};
    return l;
}

} // namespace

QList<QJsonObject> StoreQueries::users(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                       QString *error)
{
    return list(db, userListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::objects(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                         QString *error)
{
    return list(db, objectListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::tenants(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                         QString *error)
{
    return list(db, tenantListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::subscriptions(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                               QString *error)
{
    return list(db, subscriptionListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::audiences(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                           QString *error)
{
    return list(db, audienceListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::audienceMembers(const QSqlDatabase &db, const QString &env, const QString &audience,
                                                 const StoreFilter &filter, QString *error)
{
    return list(db, memberListing(), env, filter, {{u"t.audience"_s, audience}}, error);
}

QList<QJsonObject> StoreQueries::workflows(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                           QString *error)
{
    return list(db, workflowListing(), env, filter, {}, error);
}

QList<QJsonObject> StoreQueries::runs(const QSqlDatabase &db, const QString &env, const StoreFilter &filter,
                                      QString *error)
{
    return list(db, runListing(), env, filter, {}, error);
}

std::optional<QJsonObject> StoreQueries::user(const QSqlDatabase &db, const QString &env, const QString &id,
                                              QString *error)
{
    return one(db, userListing(), env, {{u"t.id"_s, id}}, error);
}

std::optional<QJsonObject> StoreQueries::object(const QSqlDatabase &db, const QString &env, const QString &collection,
                                                const QString &id, QString *error)
{
    return one(db, objectListing(), env, {{u"t.collection"_s, collection}, {u"t.id"_s, id}}, error);
}

std::optional<QJsonObject> StoreQueries::tenant(const QSqlDatabase &db, const QString &env, const QString &id,
                                                QString *error)
{
    return one(db, tenantListing(), env, {{u"t.id"_s, id}}, error);
}

std::optional<QJsonObject> StoreQueries::audience(const QSqlDatabase &db, const QString &env, const QString &key,
                                                  QString *error)
{
    return one(db, audienceListing(), env, {{u"t.key"_s, key}}, error);
}

std::optional<QJsonObject> StoreQueries::run(const QSqlDatabase &db, const QString &env, const QString &id,
                                             QString *error)
{
    return one(db, runListing(), env, {{u"t.id"_s, id}}, error);
}

QJsonValue StoreQueries::isoTime(const QVariant &ms)
{
    if (ms.isNull())
        return QJsonValue(QJsonValue::Null);
    // Qt::UTC (not QTimeZone::utc()) is what makes Qt write "Z".
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace inlet
