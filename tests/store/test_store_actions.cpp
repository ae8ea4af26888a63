// The effect of every action type on the store (SPEC 9) and every failure
// rule of SPEC 9.3, checked on the tables and results a user sees.

#include "store/ActionExecutor.h"
#include "store/ActionOutcome.h"
#include "store/ActionType.h"
#include "store/Database.h"
#include "support/StoreFixture.h"

#include "common/TestBackend.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

#include <thread>

using namespace Qt::Literals::StringLiterals;
using inlet::ActionOutcome;
using inlet::ActionType;
using Status = inlet::ActionOutcome::Status;

namespace {

QJsonObject json(const char *text)
{
    return StoreFixture::object(text);
}

QString status(const ActionOutcome &o)
{
    return ActionOutcome::statusName(o.status);
}

} // namespace

class TestStoreActions : public QObject
{
    Q_OBJECT

private:
    StoreFixture *m_store = nullptr;

    ActionOutcome run(ActionType type, const QJsonObject &payload, const QString &env = u"development"_s)
    {
        return m_store->run(type, payload, env);
    }

    // Every row of every store table, to prove a failed action changed nothing.
    QString snapshot()
    {
        QString out;
        for (const QString &table : {u"users"_s, u"objects"_s, u"tenants"_s, u"subscriptions"_s, u"audiences"_s,
                                     u"audience_members"_s, u"workflow_runs"_s}) {
            const auto rows = m_store->rows(u"SELECT * FROM "_s + table + u" ORDER BY 1, 2, 3"_s);
            for (const QVariantList &row : rows) {
                QStringList cells;
                for (const QVariant &v : row)
                    cells << (v.isNull() ? u"NULL"_s : v.toString());
                out += table + u": "_s + cells.join(u"|"_s) + u"\n"_s;
            }
        }
        return out;
    }

    QJsonObject userProperties(const QString &id)
    {
        return StoreFixture::object(
            m_store->scalar(u"SELECT properties FROM users WHERE env = 'development' AND id = ?"_s, {id})
                .toString()
                .toUtf8()
                .constData());
    }

private Q_SLOTS:
    void init()
    {
        m_store = new StoreFixture;
        QCOMPARE(m_store->open(), QString());
        m_store->addWorkflow(u"invoice-paid"_s);
        // A known user and object the failure cases can refer to.
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u1", "email": "u1@example.com"})")).isSuccess());
        QVERIFY(run(ActionType::ObjectsSet, json(R"({"collection": "projects", "id": "p1"})")).isSuccess());
    }

    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }

    void statusNames()
    {
        QCOMPARE(ActionOutcome::statusName(Status::Success), u"success"_s);
        QCOMPARE(ActionOutcome::statusName(Status::Error), u"error"_s);
        QCOMPARE(ActionOutcome::statusName(Status::Skipped), u"skipped"_s);
    }

    // --- users ---

    void identifyCreatesUser()
    {
        m_store->now = 1714564900000;
        m_store->eventId = u"evt_identify"_s;
        QJsonObject payload = json(R"({"id": "u2", "name": "Ada", "email": "ada@example.com",
            "phone_number": "+15551234", "locale": "en-GB", "timezone": "Europe/London",
            "properties": {"plan": "pro", "seats": 3}})");
        // Not in the raw string: moc takes the "//" of a URL there for a comment.
        payload.insert(u"avatar"_s, u"https://a/x.png"_s);
        const ActionOutcome o = run(ActionType::UsersIdentify, payload);
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"id": "u2", "created": true})"));
        const auto rows = m_store->rows(
            u"SELECT name, email, phone_number, avatar, locale, timezone, created_at, updated_at, updated_by_event"
            " FROM users WHERE env = 'development' AND id = 'u2'"_s);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0],
                 (QVariantList{u"Ada"_s, u"ada@example.com"_s, u"+15551234"_s, u"https://a/x.png"_s, u"en-GB"_s,
                               u"Europe/London"_s, 1714564900000LL, 1714564900000LL, u"evt_identify"_s}));
        QCOMPARE(userProperties(u"u2"_s), json(R"({"plan": "pro", "seats": 3})"));
    }

    void identifyMergesShallowly()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u2", "name": "Ada", "email": "ada@example.com",
            "properties": {"plan": "pro", "address": {"city": "London", "zip": "N1"}, "beta": true}})"))
                    .isSuccess());
        m_store->now += 60000;
        m_store->eventId = u"evt_2"_s;
        // `name` absent: kept; `email` null: cleared; properties: top-level
        // keys replaced (the nested object as a whole), null removes a key.
        const ActionOutcome o = run(ActionType::UsersIdentify, json(R"({"id": "u2", "email": null, "locale": "fr",
            "properties": {"address": {"city": "Paris"}, "beta": null, "seats": 5}})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"id": "u2", "created": false})"));
        const auto rows = m_store->rows(
            u"SELECT name, email, locale, created_at, updated_at, updated_by_event FROM users WHERE id = 'u2'"_s);
        QCOMPARE(rows[0][0].toString(), u"Ada"_s);
        QVERIFY(rows[0][1].isNull());
        QCOMPARE(rows[0][2].toString(), u"fr"_s);
        QCOMPARE(rows[0][3].toLongLong(), 1714564800000LL);
        QCOMPARE(rows[0][4].toLongLong(), 1714564860000LL);
        QCOMPARE(rows[0][5].toString(), u"evt_2"_s);
        QCOMPARE(userProperties(u"u2"_s), json(R"({"plan": "pro", "address": {"city": "Paris"}, "seats": 5})"));
    }

    // PostgreSQL, several instances: an identify that finds no row while
    // another transaction is creating it waits for that one (ON CONFLICT),
    // then merges into its row instead of failing or overwriting it.
    void identifyMergesIntoARowCreatedConcurrently()
    {
        if (!inlet::test::TestBackend::postgres())
            QSKIP("PostgreSQL only: SQLite has a single writer");
        QSqlDatabase &creator = m_store->db();
        QSqlQuery q(creator);
        QVERIFY(q.exec(u"BEGIN"_s));
        QVERIFY(q.exec(u"INSERT INTO users (env, id, email, properties, created_at, updated_at)"
                       " VALUES ('development', 'u7', 'first@example.com', '{\"plan\": \"pro\"}', 1, 1)"_s));

        ActionOutcome outcome;
        QString error;
        const inlet::DatabaseUrl url = m_store->url();
        std::thread other([&] {
            const QString name = inlet::Database::uniqueConnectionName(u"other-instance"_s);
            {
                QSqlDatabase db = inlet::Database::open(url, name, &error);
                if (db.isValid())
                    outcome = inlet::ActionExecutor::execute(
                        db, u"development"_s, ActionType::UsersIdentify,
                        json(R"({"id": "u7", "name": "Ada", "properties": {"seats": 3}})"), {u"evt_other"_s, 2});
            }
            inlet::Database::close(name);
        });
        // The other identify is waiting for this transaction's row.
        const bool waiting = QTest::qWaitFor(
            [&] {
                QSqlQuery w(creator);
                return w.exec(u"SELECT pg_stat_clear_snapshot()"_s) &&
                       w.exec(u"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                              " AND datname = current_database()"_s) &&
                       w.next() && w.value(0).toInt() > 0;
            },
            10000);
        QVERIFY(q.exec(u"COMMIT"_s));
        other.join();
        QVERIFY2(waiting, "the second identify never waited for the first row");
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(status(outcome), u"success"_s);
        QCOMPARE(outcome.result, json(R"({"id": "u7", "created": false})"));
        const auto row =
            m_store->rows(u"SELECT email, name, updated_by_event FROM users WHERE env = 'development' AND id = 'u7'"_s);
        QCOMPARE(row.size(), 1);
        QCOMPARE(row[0], (QVariantList{u"first@example.com"_s, u"Ada"_s, u"evt_other"_s}));
        QCOMPARE(userProperties(u"u7"_s), json(R"({"plan": "pro", "seats": 3})"));
    }

    void identifyWithNothingNewWritesNothing()
    {
        const QJsonObject payload = json(R"({"id": "u3", "name": "Ada", "email": "ada@example.com", "locale": null,
            "properties": {"plan": "pro", "seats": 3}})");
        QVERIFY(run(ActionType::UsersIdentify, payload).isSuccess());
        const qint64 first = m_store->now;
        // The same identify again (a provider's next invoice for the same
        // customer): the row keeps the last change's time and event.
        m_store->now += 60000;
        m_store->eventId = u"evt_again"_s;
        ActionOutcome o = run(ActionType::UsersIdentify, payload);
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"id": "u3", "created": false})"));
        const QString sql = u"SELECT updated_at, updated_by_event FROM users WHERE id = 'u3'"_s;
        QCOMPARE(m_store->rows(sql)[0][0].toLongLong(), first);
        QVERIFY(m_store->rows(sql)[0][1].toString() != u"evt_again"_s);
        // A property key already gone, and a subset of the columns: still nothing new.
        m_store->eventId = u"evt_subset"_s;
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u3", "email": "ada@example.com",
            "properties": {"gone": null}})"))
                    .isSuccess());
        QCOMPARE(m_store->rows(sql)[0][0].toLongLong(), first);
        // Any difference (a column, a cleared column, a property) is written.
        const QList<QByteArray> changes = {R"({"id": "u3", "email": "ada@new.example"})",
                                           R"({"id": "u3", "name": null})",
                                           R"({"id": "u3", "properties": {"seats": 4}})"};
        for (const QByteArray &change : changes) {
            m_store->now += 60000;
            m_store->eventId = u"evt_change"_s;
            QVERIFY(run(ActionType::UsersIdentify, json(change.constData())).isSuccess());
            QCOMPARE(m_store->rows(sql)[0], (QVariantList{m_store->now, u"evt_change"_s}));
        }
    }

    void identifyTopLevelExtrasAreProperties()
    {
        // A Knock-style body: custom fields at the top level; `properties`
        // wins when both name the same key.
        QVERIFY(run(ActionType::UsersIdentify,
                    json(R"({"id": "u2", "plan": "pro", "region": "eu", "properties": {"plan": "team"}})"))
                    .isSuccess());
        QCOMPARE(userProperties(u"u2"_s), json(R"({"plan": "team", "region": "eu"})"));
    }

    void identifyIdText_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("storedId");
        QTest::newRow("string") << u"{\"id\": \"user-7\"}"_s << u"user-7"_s;
        QTest::newRow("integer") << u"{\"id\": 123}"_s << u"123"_s;
        QTest::newRow("large integer") << u"{\"id\": 9007199254740991}"_s << u"9007199254740991"_s;
        QTest::newRow("negative") << u"{\"id\": -4}"_s << u"-4"_s;
        QTest::newRow("fraction") << u"{\"id\": 12.5}"_s << u"12.5"_s;
        QTest::newRow("number as text column") << u"{\"id\": \"u9\", \"phone_number\": 5551234}"_s << u"u9"_s;
    }

    void identifyIdText()
    {
        QFETCH(QString, payload);
        QFETCH(QString, storedId);
        const ActionOutcome o = run(ActionType::UsersIdentify, json(payload.toUtf8().constData()));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result.value(u"id"_s).toString(), storedId);
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id = ?"_s, {storedId}).toInt(), 1);
        if (payload.contains(u"phone_number"_s))
            QCOMPARE(m_store->scalar(u"SELECT phone_number FROM users WHERE id = 'u9'"_s).toString(), u"5551234"_s);
    }

    void deleteUserRemovesItsSubscriptionsAndMemberships()
    {
        QVERIFY(run(ActionType::ObjectsSubscribe, json(R"({"collection": "projects", "id": "p1", "recipients": "u1"})"))
                    .isSuccess());
        QVERIFY(run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": ["u1"]})")).isSuccess());

        const ActionOutcome o = run(ActionType::UsersDelete, json(R"({"id": "u1"})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"id": "u1", "deleted": true})"));
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id = 'u1'"_s).toInt(), 0);
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM subscriptions"_s).toInt(), 0);
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM audience_members"_s).toInt(), 0);
        // The audience itself stays, empty.
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM audiences"_s).toInt(), 1);
    }

    void deletesAreIdempotent_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("result");
        QTest::newRow("users_delete") << int(ActionType::UsersDelete) << u"{\"id\": \"ghost\"}"_s
                                      << u"{\"id\": \"ghost\", \"deleted\": false}"_s;
        QTest::newRow("objects_delete") << int(ActionType::ObjectsDelete)
                                        << u"{\"collection\": \"projects\", \"id\": \"ghost\"}"_s
                                        << u"{\"collection\": \"projects\", \"id\": \"ghost\", \"deleted\": false}"_s;
        QTest::newRow("tenants_delete") << int(ActionType::TenantsDelete) << u"{\"id\": \"ghost\"}"_s
                                        << u"{\"id\": \"ghost\", \"deleted\": false}"_s;
    }

    void deletesAreIdempotent()
    {
        QFETCH(int, type);
        QFETCH(QString, payload);
        QFETCH(QString, result);
        const QString before = snapshot();
        const ActionOutcome o = run(ActionType(type), json(payload.toUtf8().constData()));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(result.toUtf8().constData()));
        QCOMPARE(snapshot(), before);
    }

    // --- objects and tenants ---

    void objectSetUpsertsByCollectionAndId()
    {
        ActionOutcome o =
            run(ActionType::ObjectsSet,
                json(R"({"collection": "projects", "id": "p2", "name": "Apollo", "properties": {"a": 1}})"));
        QCOMPARE(o.result, json(R"({"collection": "projects", "id": "p2", "created": true})"));
        // Same id in another collection is another object.
        o = run(ActionType::ObjectsSet, json(R"({"collection": "teams", "id": "p2", "name": "Team"})"));
        QCOMPARE(o.result.value(u"created"_s).toBool(), true);
        o = run(ActionType::ObjectsSet, json(R"({"collection": "projects", "id": "p2", "properties": {"b": 2}})"));
        QCOMPARE(o.result, json(R"({"collection": "projects", "id": "p2", "created": false})"));
        const auto rows = m_store->rows(
            u"SELECT collection, id, name, properties FROM objects WHERE id = 'p2' ORDER BY collection"_s);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0], (QVariantList{u"projects"_s, u"p2"_s, u"Apollo"_s, u"{\"a\":1,\"b\":2}"_s}));
        QCOMPARE(rows[1], (QVariantList{u"teams"_s, u"p2"_s, u"Team"_s, u"{}"_s}));
    }

    void objectDeleteRemovesSubscriptions()
    {
        QVERIFY(run(ActionType::ObjectsSet, json(R"({"collection": "teams", "id": "t1"})")).isSuccess());
        // u1 subscribes to p1; p1 (as a recipient) subscribes to teams/t1.
        QVERIFY(run(ActionType::ObjectsSubscribe, json(R"({"collection": "projects", "id": "p1", "recipients": "u1"})"))
                    .isSuccess());
        QVERIFY(
            run(ActionType::ObjectsSubscribe,
                json(R"({"collection": "teams", "id": "t1", "recipients": [{"collection": "projects", "id": "p1"}]})"))
                .isSuccess());
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM subscriptions"_s).toInt(), 2);
        const ActionOutcome o = run(ActionType::ObjectsDelete, json(R"({"collection": "projects", "id": "p1"})"));
        QCOMPARE(o.result, json(R"({"collection": "projects", "id": "p1", "deleted": true})"));
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM objects WHERE collection = 'projects'"_s).toInt(), 0);
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM subscriptions"_s).toInt(), 0);
    }

    void tenantSetAndDelete()
    {
        m_store->eventId = u"evt_t"_s;
        ActionOutcome o =
            run(ActionType::TenantsSet, json(R"({"id": "acme", "name": "Acme Inc", "properties": {"tier": "gold"}})"));
        QCOMPARE(o.result, json(R"({"id": "acme", "created": true})"));
        o = run(ActionType::TenantsSet, json(R"({"id": "acme", "name": null, "properties": {"seats": 10}})"));
        QCOMPARE(o.result, json(R"({"id": "acme", "created": false})"));
        const auto rows = m_store->rows(u"SELECT name, properties, updated_by_event FROM tenants WHERE id = 'acme'"_s);
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows[0][0].isNull());
        QCOMPARE(rows[0][1].toString(), u"{\"seats\":10,\"tier\":\"gold\"}"_s);
        QCOMPARE(rows[0][2].toString(), u"evt_t"_s);

        o = run(ActionType::TenantsDelete, json(R"({"id": "acme"})"));
        QCOMPARE(o.result, json(R"({"id": "acme", "deleted": true})"));
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM tenants"_s).toInt(), 0);
    }

    void environmentsAreIsolated()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u1", "name": "Prod"})"), u"production"_s).isSuccess());
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id = 'u1'"_s).toInt(), 2);
        QCOMPARE(m_store->scalar(u"SELECT name FROM users WHERE env = 'development' AND id = 'u1'"_s).isNull(), true);
        // The workflow exists only in development.
        const ActionOutcome o =
            run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "recipients": "u1", "data": {}})"),
                u"production"_s);
        QCOMPARE(status(o), u"error"_s);
        QCOMPARE(o.error, u"workflow 'invoice-paid' does not exist in environment 'production'"_s);
        QVERIFY(run(ActionType::UsersDelete, json(R"({"id": "u1"})"), u"production"_s).isSuccess());
        QCOMPARE(m_store->scalar(u"SELECT env FROM users WHERE id = 'u1'"_s).toString(), u"development"_s);
    }

    // --- subscriptions ---

    void subscribeUsersAndObjects()
    {
        QVERIFY(run(ActionType::ObjectsSet, json(R"({"collection": "teams", "id": "t1"})")).isSuccess());
        m_store->eventId = u"evt_sub"_s;
        const ActionOutcome o = run(ActionType::ObjectsSubscribe, json(R"({"collection": "projects", "id": "p1",
            "recipients": ["u1", {"collection": "teams", "id": "t1"}, "ghost", {"collection": "teams", "id": "t9"},
                           {"id": "u2", "name": "Inline"}, "u1"],
            "properties": {"role": "watcher"}})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"collection": "projects", "id": "p1",
            "recipients": ["u1", {"collection": "teams", "id": "t1"}, "u2"], "added": 3,
            "left_out": [{"id": "ghost", "reason": "not an identified user"},
                         {"collection": "teams", "id": "t9", "reason": "object does not exist"}]})"));
        // The inline user was identified.
        QCOMPARE(m_store->scalar(u"SELECT name FROM users WHERE id = 'u2'"_s).toString(), u"Inline"_s);
        const auto rows =
            m_store->rows(u"SELECT recipient_collection, recipient_id, properties, updated_by_event FROM subscriptions"
                          " WHERE env = 'development' AND collection = 'projects' AND object_id = 'p1'"
                          " ORDER BY recipient_collection, recipient_id"_s);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0], (QVariantList{QString(u""_s), u"u1"_s, u"{\"role\":\"watcher\"}"_s, u"evt_sub"_s}));
        QCOMPARE(rows[1][1].toString(), u"u2"_s);
        QCOMPARE(rows[2], (QVariantList{u"teams"_s, u"t1"_s, u"{\"role\":\"watcher\"}"_s, u"evt_sub"_s}));

        // Subscribing again adds nothing and merges the properties.
        const ActionOutcome again =
            run(ActionType::ObjectsSubscribe, json(R"({"collection": "projects", "id": "p1", "recipients": "u1",
                                                 "properties": {"muted": true}})"));
        QCOMPARE(again.result.value(u"added"_s).toInt(), 0);
        QCOMPARE(m_store->scalar(u"SELECT properties FROM subscriptions WHERE recipient_id = 'u1'"_s).toString(),
                 u"{\"muted\":true,\"role\":\"watcher\"}"_s);
    }

    void subscribeToMissingObjectIsAnError()
    {
        const QString before = snapshot();
        const ActionOutcome o = run(ActionType::ObjectsSubscribe,
                                    json(R"({"collection": "projects", "id": "zzz", "recipients": [{"id": "u5"}]})"));
        QCOMPARE(status(o), u"error"_s);
        QCOMPARE(o.parameter, u"id"_s);
        QCOMPARE(o.error, u"object 'projects/zzz' does not exist in environment 'development'"_s);
        // Nothing identified either.
        QCOMPARE(snapshot(), before);
    }

    void unsubscribe()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u2"})")).isSuccess());
        QVERIFY(run(ActionType::ObjectsSubscribe,
                    json(R"({"collection": "projects", "id": "p1", "recipients": ["u1", "u2"]})"))
                    .isSuccess());
        const ActionOutcome o = run(ActionType::ObjectsUnsubscribe,
                                    json(R"({"collection": "projects", "id": "p1", "recipients": ["u1", "u3"]})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"collection": "projects", "id": "p1", "recipients": ["u1"], "removed": 1,
            "left_out": [{"id": "u3", "reason": "not subscribed"}]})"));
        QCOMPARE(m_store->rows(u"SELECT recipient_id FROM subscriptions"_s), QList<QVariantList>{{u"u2"_s}});
        // Unsubscribing from an object that does not exist is not a failure.
        const ActionOutcome none = run(ActionType::ObjectsUnsubscribe,
                                       json(R"({"collection": "projects", "id": "nope", "recipients": "u2"})"));
        QCOMPARE(status(none), u"success"_s);
        QCOMPARE(none.result.value(u"removed"_s).toInt(), 0);
    }

    // --- audiences ---

    void addMembersCreatesAudience()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u2"})")).isSuccess());
        m_store->eventId = u"evt_aud"_s;
        ActionOutcome o = run(ActionType::AudiencesAddMember,
                              json(R"({"key": "beta", "users": ["u1", {"id": "u2"}, "ghost", "u1"]})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"key": "beta", "audience_created": true, "members": ["u1", "u2"], "added": 2,
            "left_out": [{"id": "ghost", "reason": "not an identified user"}]})"));
        QCOMPARE(m_store->rows(u"SELECT env, key, created_at, updated_by_event FROM audiences"_s),
                 (QList<QVariantList>{{u"development"_s, u"beta"_s, 1714564800000LL, u"evt_aud"_s}}));

        // Again, with a tenant: a membership is (user, tenant).
        o = run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": "u1", "tenant": "acme"})"));
        QCOMPARE(o.result, json(R"({"key": "beta", "audience_created": false,
            "members": [{"id": "u1", "tenant": "acme"}], "added": 1, "left_out": []})"));
        o = run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": ["u1"]})"));
        QCOMPARE(o.result.value(u"added"_s).toInt(), 0);
        QCOMPARE(m_store->rows(u"SELECT user_id, tenant FROM audience_members ORDER BY user_id, tenant"_s),
                 (QList<QVariantList>{{u"u1"_s, QString(u""_s)}, {u"u1"_s, u"acme"_s}, {u"u2"_s, QString(u""_s)}}));
    }

    void addMembersKnockMemberForm()
    {
        // The REST shape: {"user": {...}, "tenant": ...}; an inline user with
        // fields is identified first.
        const ActionOutcome o = run(ActionType::AudiencesAddMember, json(R"({"key": "vip", "tenant": "default-t",
            "users": [{"user": {"id": "u7", "email": "u7@example.com"}, "tenant": "t7"}, {"user": "u1"}]})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(
            o.result.value(u"members"_s).toArray(),
            StoreFixture::value(R"([{"id": "u7", "tenant": "t7"}, {"id": "u1", "tenant": "default-t"}])").toArray());
        QCOMPARE(m_store->scalar(u"SELECT email FROM users WHERE id = 'u7'"_s).toString(), u"u7@example.com"_s);
    }

    void addMembersNoneLeft()
    {
        const QString before = snapshot();
        const ActionOutcome o = run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": ["x", "y"]})"));
        QCOMPARE(status(o), u"error"_s);
        QCOMPARE(o.parameter, u"users"_s);
        QCOMPARE(o.error, u"no user left to add to audience 'beta': none is an identified user"_s);
        QCOMPARE(o.result, json(R"({"members": [], "left_out": [{"id": "x", "reason": "not an identified user"},
                                                                {"id": "y", "reason": "not an identified user"}]})"));
        // Not even the audience was created.
        QCOMPARE(snapshot(), before);
    }

    void removeMembers()
    {
        QVERIFY(run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": "u1"})")).isSuccess());
        QVERIFY(run(ActionType::AudiencesAddMember, json(R"({"key": "beta", "users": "u1", "tenant": "acme"})"))
                    .isSuccess());
        const ActionOutcome o =
            run(ActionType::AudiencesRemoveMember, json(R"({"key": "beta", "users": ["u1", "u2"], "tenant": "acme"})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, json(R"({"key": "beta", "members": [{"id": "u1", "tenant": "acme"}], "removed": 1,
            "left_out": [{"id": "u2", "tenant": "acme", "reason": "not a member"}]})"));
        // The membership without a tenant is another one and stays.
        QCOMPARE(m_store->rows(u"SELECT user_id, tenant FROM audience_members"_s),
                 (QList<QVariantList>{{u"u1"_s, QString(u""_s)}}));
        const ActionOutcome unknown = run(ActionType::AudiencesRemoveMember, json(R"({"key": "nope", "users": "u1"})"));
        QCOMPARE(status(unknown), u"success"_s);
        QCOMPARE(unknown.result.value(u"removed"_s).toInt(), 0);
    }

    // --- workflows ---

    void triggerCreatesRun()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u2"})")).isSuccess());
        m_store->eventId = u"evt_trig"_s;
        const ActionOutcome o = run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid",
            "recipients": ["u1", "u2", {"collection": "projects", "id": "p1"}], "actor": "u2", "tenant": "acme",
            "data": {"amount": 1200, "currency": "eur"}, "cancellation_key": 42})"));
        QCOMPARE(status(o), u"success"_s);
        const QString runId = o.result.value(u"workflow_run_id"_s).toString();
        QVERIFY2(runId.startsWith(u"run_"_s) && runId.size() == 30, qPrintable(runId));
        QCOMPARE(o.result.value(u"recipients"_s).toArray(),
                 StoreFixture::value(R"(["u1", "u2", {"collection": "projects", "id": "p1"}])").toArray());
        QCOMPARE(o.result.value(u"left_out"_s).toArray(), QJsonArray());

        const auto rows = m_store->rows(u"SELECT env, id, workflow, recipients, actor, tenant, data, cancellation_key,"
                                        " status, created_at, cancelled_at, event_id FROM workflow_runs"_s);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0][0].toString(), u"development"_s);
        QCOMPARE(rows[0][1].toString(), runId);
        QCOMPARE(rows[0][2].toString(), u"invoice-paid"_s);
        QCOMPARE(rows[0][3].toString(), u"[\"u1\",\"u2\",{\"collection\":\"projects\",\"id\":\"p1\"}]"_s);
        QCOMPARE(rows[0][4].toString(), u"\"u2\""_s);
        QCOMPARE(rows[0][5].toString(), u"acme"_s);
        QCOMPARE(rows[0][6].toString(), u"{\"amount\":1200,\"currency\":\"eur\"}"_s);
        QCOMPARE(rows[0][7].toString(), u"42"_s);
        QCOMPARE(rows[0][8].toString(), u"active"_s);
        QCOMPARE(rows[0][9].toLongLong(), 1714564800000LL);
        QVERIFY(rows[0][10].isNull());
        QCOMPARE(rows[0][11].toString(), u"evt_trig"_s);

        // Run ids sort by creation.
        m_store->now += 1;
        const QString second =
            run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "recipients": "u1", "data": {}})"))
                .result.value(u"workflow_run_id"_s)
                .toString();
        QVERIFY(second > runId);
    }

    void triggerLeavesOutUnknownRecipients()
    {
        const ActionOutcome o = run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid",
            "recipients": ["ghost", "u1", {"collection": "projects", "id": "p404"}, "ghost"], "data": {}})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result.value(u"recipients"_s).toArray(), StoreFixture::value(R"(["u1"])").toArray());
        QCOMPARE(o.result.value(u"left_out"_s).toArray(),
                 StoreFixture::value(R"([{"id": "ghost", "reason": "not an identified user"},
                     {"collection": "projects", "id": "p404", "reason": "object does not exist"}])")
                     .toArray());
        QCOMPARE(m_store->scalar(u"SELECT recipients FROM workflow_runs"_s).toString(), u"[\"u1\"]"_s);
    }

    void triggerNoRecipientLeft()
    {
        const QString before = snapshot();
        const ActionOutcome o =
            run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "recipients": "cus_123", "data": {}})"));
        QCOMPARE(status(o), u"error"_s);
        QCOMPARE(o.parameter, u"recipients"_s);
        QCOMPARE(
            o.error,
            u"no recipient left to trigger workflow 'invoice-paid': none is an identified user or an existing object"_s);
        QCOMPARE(o.result,
                 json(R"({"recipients": [], "left_out": [{"id": "cus_123", "reason": "not an identified user"}]})"));
        QCOMPARE(snapshot(), before);
    }

    void triggerIdentifiesInlineRecipientsFirst()
    {
        m_store->eventId = u"evt_inline"_s;
        const ActionOutcome o = run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid",
            "recipients": [{"id": "u5", "email": "u5@example.com", "plan": "pro"},
                           {"collection": "projects", "id": "p2", "name": "Inline project"}],
            "actor": {"id": "boss", "name": "The Boss"}, "data": {}})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result.value(u"recipients"_s).toArray(),
                 StoreFixture::value(R"(["u5", {"collection": "projects", "id": "p2"}])").toArray());
        QCOMPARE(m_store->rows(u"SELECT email, properties, updated_by_event FROM users WHERE id = 'u5'"_s),
                 (QList<QVariantList>{{u"u5@example.com"_s, u"{\"plan\":\"pro\"}"_s, u"evt_inline"_s}}));
        QCOMPARE(m_store->scalar(u"SELECT name FROM objects WHERE collection = 'projects' AND id = 'p2'"_s).toString(),
                 u"Inline project"_s);
        QCOMPARE(m_store->scalar(u"SELECT name FROM users WHERE id = 'boss'"_s).toString(), u"The Boss"_s);
        QCOMPARE(m_store->scalar(u"SELECT actor FROM workflow_runs"_s).toString(), u"\"boss\""_s);
        // A bare `{"id": ...}` object is an inline user too: identified.
        const ActionOutcome bare =
            run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "recipients": {"id": 77}, "data": {}})"));
        QCOMPARE(status(bare), u"success"_s);
        QCOMPARE(bare.result.value(u"recipients"_s).toArray(), StoreFixture::value(R"(["77"])").toArray());
    }

    void triggerWithObjectActorStoresReference()
    {
        QVERIFY(run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "recipients": "u1", "data": {},
            "actor": {"collection": "projects", "id": "p1"}})"))
                    .isSuccess());
        QCOMPARE(m_store->scalar(u"SELECT actor FROM workflow_runs"_s).toString(),
                 u"{\"collection\":\"projects\",\"id\":\"p1\"}"_s);
    }

    void triggerRecipientLimit_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("status");
        QTest::newRow("1000") << 1000 << u"success"_s;
        QTest::newRow("1001") << 1001 << u"error"_s;
    }

    void triggerRecipientLimit()
    {
        QFETCH(int, count);
        QFETCH(QString, status);
        QJsonArray recipients;
        for (int i = 0; i < count; ++i)
            recipients.append(QJsonObject{{u"id"_s, u"bulk-%1"_s.arg(i)}});
        const QString before = snapshot();
        const ActionOutcome o =
            run(ActionType::WorkflowsTrigger,
                {{u"key"_s, u"invoice-paid"_s}, {u"recipients"_s, recipients}, {u"data"_s, QJsonObject()}});
        QCOMPARE(::status(o), status);
        if (count > 1000) {
            QCOMPARE(o.parameter, u"recipients"_s);
            QCOMPARE(o.error, u"parameter 'recipients' has 1001 entries; at most 1000 are allowed"_s);
            QCOMPARE(snapshot(), before);
        } else {
            QCOMPARE(o.result.value(u"recipients"_s).toArray().size(), 1000);
            QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id LIKE 'bulk-%'"_s).toInt(), 1000);
        }
    }

    void cancel()
    {
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "u2"})")).isSuccess());
        m_store->addWorkflow(u"reminder"_s);
        const auto trigger = [&](const char *payload) {
            const ActionOutcome o = run(ActionType::WorkflowsTrigger, json(payload));
            if (!o.isSuccess())
                qFatal("trigger failed: %s", qPrintable(o.error));
            m_store->now += 1;
            return o.result.value(u"workflow_run_id"_s).toString();
        };
        const QString a =
            trigger(R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "cancellation_key": "inv_1"})");
        const QString b =
            trigger(R"({"key": "invoice-paid", "recipients": ["u2"], "data": {}, "cancellation_key": "inv_1"})");
        const QString c =
            trigger(R"({"key": "invoice-paid", "recipients": ["u1", "u2"], "data": {}, "cancellation_key": "inv_1"})");
        const QString other =
            trigger(R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "cancellation_key": "inv_2"})");
        const QString otherWorkflow =
            trigger(R"({"key": "reminder", "recipients": "u1", "data": {}, "cancellation_key": "inv_1"})");

        // With recipients: only the runs that contain one of them.
        m_store->now = 1714570000000;
        ActionOutcome o = run(ActionType::WorkflowsCancel,
                              json(R"({"key": "invoice-paid", "cancellation_key": "inv_1", "recipients": ["u2"]})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, (QJsonObject{{u"cancelled"_s, 2}, {u"workflow_run_ids"_s, QJsonArray{b, c}}}));
        QCOMPARE(m_store->rows(u"SELECT status, cancelled_at FROM workflow_runs WHERE id = ?"_s, {b}),
                 (QList<QVariantList>{{u"cancelled"_s, 1714570000000LL}}));

        // Without recipients: every active run of the key; cancelled runs are
        // not counted twice, other keys and workflows are untouched.
        o = run(ActionType::WorkflowsCancel, json(R"({"key": "invoice-paid", "cancellation_key": "inv_1"})"));
        QCOMPARE(o.result, (QJsonObject{{u"cancelled"_s, 1}, {u"workflow_run_ids"_s, QJsonArray{a}}}));
        const auto rows = m_store->rows(u"SELECT id, status FROM workflow_runs ORDER BY id"_s);
        QCOMPARE(rows, (QList<QVariantList>{{a, u"cancelled"_s},
                                            {b, u"cancelled"_s},
                                            {c, u"cancelled"_s},
                                            {other, u"active"_s},
                                            {otherWorkflow, u"active"_s}}));
        o = run(ActionType::WorkflowsCancel, json(R"({"key": "invoice-paid", "cancellation_key": "inv_1"})"));
        QCOMPARE(status(o), u"success"_s);
        QCOMPARE(o.result, (QJsonObject{{u"cancelled"_s, 0}, {u"workflow_run_ids"_s, QJsonArray()}}));
    }

    void cancelMatchesObjectRecipientsAndNumericKeys()
    {
        const QString runId = run(ActionType::WorkflowsTrigger, json(R"({"key": "invoice-paid", "data": {},
            "recipients": {"collection": "projects", "id": "p1"}, "cancellation_key": 7})"))
                                  .result.value(u"workflow_run_id"_s)
                                  .toString();
        ActionOutcome o = run(ActionType::WorkflowsCancel,
                              json(R"({"key": "invoice-paid", "cancellation_key": 7, "recipients": "p1"})"));
        QCOMPARE(o.result.value(u"cancelled"_s).toInt(), 0); // "p1" is a user id, not the object
        o = run(ActionType::WorkflowsCancel, json(R"({"key": "invoice-paid", "cancellation_key": "7",
            "recipients": [{"collection": "projects", "id": "p1"}]})"));
        QCOMPARE(o.result, (QJsonObject{{u"cancelled"_s, 1}, {u"workflow_run_ids"_s, QJsonArray{runId}}}));
    }

    // --- failures (SPEC 9.3) ---

    void failures_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("error");

        const auto row = [](const char *name, ActionType type, const char *payload, const char *status,
                            const char *parameter, const QString &error) {
            QTest::newRow(name) << int(type) << QString::fromUtf8(payload) << QString::fromUtf8(status)
                                << QString::fromUtf8(parameter) << error;
        };
        const QString recipientsShape =
            u"parameter 'recipients' must be a user id, a list of ids or objects with 'id'"_s;
        const QString usersShape = u"parameter 'users' must be a user id, a list of ids or objects with 'id'"_s;

        // Required parameters: missing, null, empty.
        row("identify: id missing", ActionType::UsersIdentify, R"({"name": "x"})", "skipped", "id",
            u"required parameter 'id' is missing"_s);
        row("identify: id null", ActionType::UsersIdentify, R"({"id": null})", "skipped", "id",
            u"required parameter 'id' is null"_s);
        row("identify: id empty", ActionType::UsersIdentify, R"({"id": ""})", "skipped", "id",
            u"required parameter 'id' is an empty string"_s);
        row("users_delete: id missing", ActionType::UsersDelete, "{}", "skipped", "id",
            u"required parameter 'id' is missing"_s);
        row("objects_set: collection missing", ActionType::ObjectsSet, R"({"id": "p1"})", "skipped", "collection",
            u"required parameter 'collection' is missing"_s);
        row("objects_delete: id missing", ActionType::ObjectsDelete, R"({"collection": "projects"})", "skipped", "id",
            u"required parameter 'id' is missing"_s);
        row("tenants_set: id missing", ActionType::TenantsSet, R"({"name": "Acme"})", "skipped", "id",
            u"required parameter 'id' is missing"_s);
        row("tenants_delete: id null", ActionType::TenantsDelete, R"({"id": null})", "skipped", "id",
            u"required parameter 'id' is null"_s);
        row("subscribe: recipients missing", ActionType::ObjectsSubscribe, R"({"collection": "projects", "id": "p1"})",
            "skipped", "recipients", u"required parameter 'recipients' is missing"_s);
        row("unsubscribe: recipients empty list", ActionType::ObjectsUnsubscribe,
            R"({"collection": "projects", "id": "p1", "recipients": []})", "skipped", "recipients",
            u"required parameter 'recipients' is an empty list"_s);
        row("add member: users missing", ActionType::AudiencesAddMember, R"({"key": "beta"})", "skipped", "users",
            u"required parameter 'users' is missing"_s);
        row("remove member: key missing", ActionType::AudiencesRemoveMember, R"({"users": ["u1"]})", "skipped", "key",
            u"required parameter 'key' is missing"_s);
        row("cancel: cancellation_key missing", ActionType::WorkflowsCancel, R"({"key": "invoice-paid"})", "skipped",
            "cancellation_key", u"required parameter 'cancellation_key' is missing"_s);
        row("trigger: key missing", ActionType::WorkflowsTrigger, R"({"recipients": "u1", "data": {}})", "skipped",
            "key", u"required parameter 'key' is missing"_s);
        row("trigger: data missing", ActionType::WorkflowsTrigger, R"({"key": "invoice-paid", "recipients": "u1"})",
            "skipped", "data", u"required parameter 'data' is missing"_s);
        row("trigger: data null", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": null})", "skipped", "data",
            u"required parameter 'data' is null"_s);
        row("trigger: recipients empty string", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "", "data": {}})", "skipped", "recipients",
            u"required parameter 'recipients' is an empty string"_s);
        row("trigger: first failure in declared order", ActionType::WorkflowsTrigger, R"({"recipients": 5})", "skipped",
            "key", u"required parameter 'key' is missing"_s);
        row("trigger: recipients checked before data", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": 5})", "skipped", "recipients",
            u"parameter 'recipients' must be a user id, a list of ids or objects with 'id'; got a number"_s);
        row("add member: users checked before tenant", ActionType::AudiencesAddMember,
            R"({"key": "beta", "users": 5, "tenant": {}})", "skipped", "users",
            u"parameter 'users' must be a user id, a list of ids or objects with 'id'; got a number"_s);

        // Wrong types.
        row("identify: id object", ActionType::UsersIdentify, R"({"id": {"a": 1}})", "skipped", "id",
            u"parameter 'id' must be a string or a number; got an object"_s);
        row("identify: id boolean", ActionType::UsersIdentify, R"({"id": true})", "skipped", "id",
            u"parameter 'id' must be a string or a number; got a boolean"_s);
        row("identify: email boolean", ActionType::UsersIdentify, R"({"id": "u2", "email": true})", "skipped", "email",
            u"parameter 'email' must be a string or a number; got a boolean"_s);
        row("identify: properties string", ActionType::UsersIdentify, R"({"id": "u2", "properties": "vip"})", "skipped",
            "properties", u"parameter 'properties' must be an object; got a string"_s);
        row("objects_set: collection list", ActionType::ObjectsSet, R"({"collection": ["a"], "id": "p"})", "skipped",
            "collection", u"parameter 'collection' must be a string or a number; got a list"_s);
        row("objects_set: name object", ActionType::ObjectsSet, R"({"collection": "c", "id": "p", "name": {}})",
            "skipped", "name", u"parameter 'name' must be a string or a number; got an object"_s);
        row("tenants_set: properties list", ActionType::TenantsSet, R"({"id": "t1", "properties": [1]})", "skipped",
            "properties", u"parameter 'properties' must be an object; got a list"_s);
        row("subscribe: properties number", ActionType::ObjectsSubscribe,
            R"({"collection": "projects", "id": "p1", "recipients": "u1", "properties": 3})", "skipped", "properties",
            u"parameter 'properties' must be an object; got a number"_s);
        row("trigger: recipients number", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": 42, "data": {}})", "skipped", "recipients",
            recipientsShape + u"; got a number"_s);
        row("trigger: recipients object without id", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": {"email": "a@b.c"}, "data": {}})", "skipped", "recipients",
            recipientsShape + u"; got an object without 'id'"_s);
        row("trigger: recipients list with number", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": ["u1", 7], "data": {}})", "skipped", "recipients",
            recipientsShape + u"; recipients[1] is a number"_s);
        row("trigger: recipients nested list", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": [["u1"]], "data": {}})", "skipped", "recipients",
            recipientsShape + u"; recipients[0] is a list"_s);
        row("trigger: recipient id boolean", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": [{"id": true}], "data": {}})", "skipped", "recipients",
            recipientsShape + u"; recipients[0] is an object whose 'id' is a boolean"_s);
        row("trigger: recipient empty string", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": ["u1", ""], "data": {}})", "skipped", "recipients",
            recipientsShape + u"; recipients[1] is an empty string"_s);
        row("trigger: inline user bad field", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": [{"id": "u2", "email": {}}], "data": {}})", "skipped",
            "recipients",
            recipientsShape +
                u"; recipients[0] is an inline user whose 'email' must be a string or a number; got an object"_s);
        row("trigger: object reference collection boolean", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": {"collection": false, "id": "p1"}, "data": {}})", "skipped",
            "recipients", recipientsShape + u"; got an object whose 'collection' is a boolean"_s);
        row("trigger: data list", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": [1]})", "skipped", "data",
            u"parameter 'data' must be an object; got a list"_s);
        row("trigger: data string", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": "x"})", "skipped", "data",
            u"parameter 'data' must be an object; got a string"_s);
        row("trigger: key number", ActionType::WorkflowsTrigger, R"({"key": 5, "recipients": "u1", "data": {}})",
            "skipped", "key", u"parameter 'key' must be a string; got a number"_s);
        row("trigger: actor list", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "actor": ["u1"]})", "skipped", "actor",
            u"parameter 'actor' must be a user id, an object with 'id' or a {\"collection\", \"id\"} reference; got a list"_s);
        row("trigger: actor number", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "actor": 3})", "skipped", "actor",
            u"parameter 'actor' must be a user id, an object with 'id' or a {\"collection\", \"id\"} reference; got a number"_s);
        row("trigger: actor checked before tenant", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "actor": {}, "tenant": []})", "skipped", "actor",
            u"parameter 'actor' must be a user id, an object with 'id' or a {\"collection\", \"id\"} reference; got an object without 'id'"_s);
        row("trigger: tenant object", ActionType::WorkflowsTrigger,
            R"({"key": "invoice-paid", "recipients": "u1", "data": {}, "tenant": {}})", "skipped", "tenant",
            u"parameter 'tenant' must be a string or a number; got an object"_s);
        row("cancel: recipients boolean", ActionType::WorkflowsCancel,
            R"({"key": "invoice-paid", "cancellation_key": "k", "recipients": true})", "skipped", "recipients",
            recipientsShape + u"; got a boolean"_s);
        row("add member: object reference", ActionType::AudiencesAddMember,
            R"({"key": "beta", "users": [{"collection": "projects", "id": "p1"}]})", "skipped", "users",
            usersShape + u"; users[0] is an object reference (only users are accepted here)"_s);
        row("add member: users boolean", ActionType::AudiencesAddMember, R"({"key": "beta", "users": true})", "skipped",
            "users", usersShape + u"; got a boolean"_s);
        row("add member: member tenant list", ActionType::AudiencesAddMember,
            R"({"key": "beta", "users": [{"user": "u1", "tenant": ["t"]}]})", "skipped", "users",
            u"parameter 'users' has a member whose 'tenant' is a list; expected a string or a number"_s);

        // Errors.
        row("trigger: unknown workflow", ActionType::WorkflowsTrigger,
            R"({"key": "nope", "recipients": [{"id": "new-user"}], "data": {}})", "error", "key",
            u"workflow 'nope' does not exist in environment 'development'"_s);
        row("cancel: unknown workflow", ActionType::WorkflowsCancel, R"({"key": "nope", "cancellation_key": "k"})",
            "error", "key", u"workflow 'nope' does not exist in environment 'development'"_s);
        row("subscribe: none left", ActionType::ObjectsSubscribe,
            R"({"collection": "projects", "id": "p1", "recipients": ["ghost"]})", "error", "recipients",
            u"no recipient left to subscribe to object 'projects/p1': none is an identified user or an existing object"_s);
    }

    void failures()
    {
        QFETCH(int, type);
        QFETCH(QString, payload);
        QFETCH(QString, status);
        QFETCH(QString, parameter);
        QFETCH(QString, error);
        const QString before = snapshot();
        const ActionOutcome o = run(ActionType(type), json(payload.toUtf8().constData()));
        QCOMPARE(::status(o), status);
        QCOMPARE(o.error, error);
        QCOMPARE(o.parameter, parameter);
        // A failed action has no effect at all (not even inline identifies).
        QCOMPARE(snapshot(), before);
    }

    // --- transactions and SQL failures ---

    void actionsInsideCallerTransaction()
    {
        // The caller's transaction spans several actions; a failing one is
        // undone alone and the others commit with the transaction.
        QVERIFY(m_store->db().transaction());
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "tx1"})")).isSuccess());
        QCOMPARE(status(run(ActionType::WorkflowsTrigger,
                            json(R"({"key": "nope", "recipients": {"id": "tx2"}, "data": {}})"))),
                 u"error"_s);
        QVERIFY(run(ActionType::TenantsSet, json(R"({"id": "tx-tenant"})")).isSuccess());
        QVERIFY(m_store->db().commit());
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id IN ('tx1', 'tx2')"_s).toInt(), 1);
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM tenants"_s).toInt(), 1);

        // And a rollback by the caller undoes successful actions too.
        QVERIFY(m_store->db().transaction());
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "tx3"})")).isSuccess());
        QVERIFY(m_store->db().rollback());
        QCOMPARE(m_store->scalar(u"SELECT COUNT(*) FROM users WHERE id = 'tx3'"_s).toInt(), 0);
    }

    void sqlFailureIsAnError()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"DROP TABLE tenants"_s));
        const ActionOutcome o = run(ActionType::TenantsSet, json(R"({"id": "acme"})"));
        QCOMPARE(status(o), u"error"_s);
        QVERIFY2(o.error.startsWith(u"database error: "_s) && o.error.contains(u"tenants"_s), qPrintable(o.error));
        QCOMPARE(o.parameter, QString());
        // The connection is still usable afterwards.
        QVERIFY(run(ActionType::UsersIdentify, json(R"({"id": "after"})")).isSuccess());
    }

    void defaultsWithoutContext()
    {
        // No clock, generator or event id given: the executor fills them in.
        inlet::ActionContext ctx;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const ActionOutcome o =
            inlet::ActionExecutor::execute(m_store->db(), u"development"_s, ActionType::WorkflowsTrigger,
                                           json(R"({"key": "invoice-paid", "recipients": "u1", "data": {}})"), ctx);
        QCOMPARE(status(o), u"success"_s);
        QVERIFY(o.result.value(u"workflow_run_id"_s).toString().startsWith(u"run_"_s));
        const auto rows = m_store->rows(u"SELECT created_at, event_id FROM workflow_runs"_s);
        QVERIFY(rows[0][0].toLongLong() >= before);
        QVERIFY(rows[0][1].isNull());
    }
};

QTEST_GUILESS_MAIN(TestStoreActions)
#include "test_store_actions.moc"
