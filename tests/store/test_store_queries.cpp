// StoreQueries: what `inletd data ...` and the REST API show of the store.

#include "store/Database.h"
#include "store/StoreQueries.h"
#include "support/StoreFixture.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::ActionType;
using inlet::StoreFilter;
using inlet::StoreQueries;

namespace {

QJsonObject json(const char *text)
{
    return StoreFixture::object(text);
}

QStringList field(const QList<QJsonObject> &rows, const QString &name)
{
    QStringList out;
    for (const QJsonObject &row : rows)
        out << row.value(name).toString();
    return out;
}

StoreFilter filter(const QString &text, int limit = 0, const QString &collection = {})
{
    StoreFilter f;
    f.text = text;
    f.limit = limit;
    f.collection = collection;
    return f;
}

} // namespace

class TestStoreQueries : public QObject
{
    Q_OBJECT

private:
    StoreFixture *m_store = nullptr;

    void act(ActionType type, const char *payload, const QString &env = u"development"_s)
    {
        const inlet::ActionOutcome o = m_store->run(type, json(payload), env);
        if (!o.isSuccess())
            qFatal("setup action failed: %s", qPrintable(o.error));
        m_store->now += 1000;
    }

private Q_SLOTS:
    void init()
    {
        m_store = new StoreFixture;
        QCOMPARE(m_store->open(), QString());
        m_store->addWorkflow(u"welcome"_s);
        m_store->addWorkflow(u"invoice-paid"_s);
        m_store->addWorkflow(u"welcome"_s, u"production"_s);
        act(ActionType::UsersIdentify, R"({"id": "u1", "name": "Ada Lovelace", "email": "ada@example.com"})");
        act(ActionType::UsersIdentify, R"({"id": "u2", "name": "Grace Hopper", "email": "grace@navy.mil",
                                           "properties": {"rank": "admiral"}})");
        act(ActionType::UsersIdentify, R"({"id": "u3_x", "email": "third%party@example.com"})");
        act(ActionType::UsersIdentify, R"({"id": "p1", "name": "Prod user"})", u"production"_s);
        act(ActionType::ObjectsSet, R"({"collection": "projects", "id": "apollo", "name": "Apollo"})");
        act(ActionType::ObjectsSet, R"({"collection": "teams", "id": "core", "properties": {"size": 4}})");
        act(ActionType::TenantsSet, R"({"id": "acme", "name": "Acme Inc"})");
        act(ActionType::AudiencesAddMember, R"({"key": "beta", "users": ["u1", "u2"]})");
        act(ActionType::AudiencesAddMember, R"({"key": "vip", "users": "u2", "tenant": "acme"})");
        act(ActionType::ObjectsSubscribe, R"({"collection": "projects", "id": "apollo",
                                             "recipients": ["u1", {"collection": "teams", "id": "core"}]})");
    }

    void cleanup()
    {
        delete m_store;
        m_store = nullptr;
    }

    void usersNewestFirst()
    {
        QString error = u"stale"_s;
        const QList<QJsonObject> rows = StoreQueries::users(m_store->db(), u"development"_s, {}, &error);
        QCOMPARE(error, QString());
        QCOMPARE(field(rows, u"id"_s), (QStringList{u"u3_x"_s, u"u2"_s, u"u1"_s}));
        QCOMPARE(rows[1], json(R"({"environment": "development", "id": "u2", "name": "Grace Hopper",
            "email": "grace@navy.mil", "phone_number": null, "avatar": null, "locale": null, "timezone": null,
            "properties": {"rank": "admiral"}, "created_at": "2024-05-01T12:00:01.000Z",
            "updated_at": "2024-05-01T12:00:01.000Z", "updated_by_event": "evt_1"})"));

        // An update moves a user to the top.
        act(ActionType::UsersIdentify, R"({"id": "u1", "locale": "en"})");
        QCOMPARE(field(StoreQueries::users(m_store->db(), u"development"_s), u"id"_s),
                 (QStringList{u"u1"_s, u"u3_x"_s, u"u2"_s}));
    }

    void userTextFilter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("limit");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("by email, case-insensitive") << u"NAVY"_s << 0 << QStringList{u"u2"_s};
        QTest::newRow("by name") << u"lovelace"_s << 0 << QStringList{u"u1"_s};
        QTest::newRow("by id") << u"u3"_s << 0 << QStringList{u"u3_x"_s};
        QTest::newRow("by domain") << u"example.com"_s << 0 << QStringList{u"u3_x"_s, u"u1"_s};
        QTest::newRow("% is literal") << u"d%p"_s << 0 << QStringList{u"u3_x"_s};
        QTest::newRow("_ is literal") << u"3_"_s << 0 << QStringList{u"u3_x"_s};
        QTest::newRow("_ matches no other character") << u"u_"_s << 0 << QStringList();
        QTest::newRow("limit") << QString() << 2 << QStringList{u"u3_x"_s, u"u2"_s};
        QTest::newRow("no match") << u"nobody"_s << 0 << QStringList();
    }

    void userTextFilter()
    {
        QFETCH(QString, text);
        QFETCH(int, limit);
        QFETCH(QStringList, ids);
        QCOMPARE(field(StoreQueries::users(m_store->db(), u"development"_s, filter(text, limit)), u"id"_s), ids);
    }

    void everyEnvironment()
    {
        const QList<QJsonObject> rows = StoreQueries::users(m_store->db(), QString());
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.first().value(u"environment"_s).toString(), u"production"_s);
        QCOMPARE(StoreQueries::users(m_store->db(), u"staging"_s).size(), 0);
    }

    void objectsAndCollectionFilter()
    {
        QList<QJsonObject> rows = StoreQueries::objects(m_store->db(), u"development"_s);
        QCOMPARE(field(rows, u"id"_s), (QStringList{u"core"_s, u"apollo"_s}));
        QCOMPARE(rows[0], json(R"({"environment": "development", "collection": "teams", "id": "core", "name": null,
            "properties": {"size": 4}, "created_at": "2024-05-01T12:00:05.000Z",
            "updated_at": "2024-05-01T12:00:05.000Z", "updated_by_event": "evt_1"})"));
        rows = StoreQueries::objects(m_store->db(), u"development"_s, filter({}, 0, u"projects"_s));
        QCOMPARE(field(rows, u"id"_s), QStringList{u"apollo"_s});
        rows = StoreQueries::objects(m_store->db(), u"development"_s, filter(u"APOL"_s));
        QCOMPARE(field(rows, u"id"_s), QStringList{u"apollo"_s});
    }

    void tenants()
    {
        const QList<QJsonObject> rows = StoreQueries::tenants(m_store->db(), u"development"_s);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(u"name"_s).toString(), u"Acme Inc"_s);
        QCOMPARE(rows[0].value(u"properties"_s).toObject(), QJsonObject());
    }

    void audiencesWithMemberCounts()
    {
        const QList<QJsonObject> rows = StoreQueries::audiences(m_store->db(), u"development"_s);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0], json(R"({"environment": "development", "key": "vip", "member_count": 1,
            "created_at": "2024-05-01T12:00:08.000Z", "updated_by_event": "evt_1"})"));
        QCOMPARE(rows[1].value(u"key"_s).toString(), u"beta"_s);
        QCOMPARE(rows[1].value(u"member_count"_s).toInt(), 2);

        const QList<QJsonObject> members = StoreQueries::audienceMembers(m_store->db(), u"development"_s, u"vip"_s);
        QCOMPARE(members.size(), 1);
        QCOMPARE(members[0].value(u"user_id"_s).toString(), u"u2"_s);
        QCOMPARE(members[0].value(u"tenant"_s).toString(), u"acme"_s);
        const QList<QJsonObject> beta = StoreQueries::audienceMembers(m_store->db(), u"development"_s, u"beta"_s);
        QCOMPARE(beta.size(), 2);
        QVERIFY(beta[0].value(u"tenant"_s).isNull());
    }

    void subscriptions()
    {
        const QList<QJsonObject> rows = StoreQueries::subscriptions(m_store->db(), u"development"_s);
        QCOMPARE(rows.size(), 2);
        QJsonArray recipients;
        for (const QJsonObject &row : rows) {
            QCOMPARE(row.value(u"collection"_s).toString(), u"projects"_s);
            QCOMPARE(row.value(u"object_id"_s).toString(), u"apollo"_s);
            recipients.append(row.value(u"recipient"_s));
        }
        QCOMPARE(recipients, StoreFixture::value(R"(["u1", {"collection": "teams", "id": "core"}])").toArray());
    }

    void workflows()
    {
        const QList<QJsonObject> rows = StoreQueries::workflows(m_store->db(), u"development"_s);
        QCOMPARE(field(rows, u"key"_s), (QStringList{u"invoice-paid"_s, u"welcome"_s}));
        QCOMPARE(rows[1], json(R"({"environment": "development", "key": "welcome", "name": "WELCOME"})"));
        QCOMPARE(StoreQueries::workflows(m_store->db(), QString()).size(), 3);
    }

    void runs()
    {
        m_store->eventId = u"evt_run"_s;
        act(ActionType::WorkflowsTrigger, R"({"key": "welcome", "recipients": ["u1", "ghost"], "actor": "u2",
            "data": {"plan": "pro"}, "cancellation_key": "c1"})");
        act(ActionType::WorkflowsTrigger, R"({"key": "invoice-paid", "recipients": "u2", "data": {"n": 1}})");
        act(ActionType::WorkflowsCancel, R"({"key": "welcome", "cancellation_key": "c1"})");

        const QList<QJsonObject> rows = StoreQueries::runs(m_store->db(), u"development"_s);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].value(u"workflow"_s).toString(), u"invoice-paid"_s);
        QJsonObject first = rows[1];
        QVERIFY(first.take(u"id"_s).toString().startsWith(u"run_"_s));
        QCOMPARE(first, json(R"({"environment": "development", "workflow": "welcome", "recipients": ["u1"],
            "actor": "u2", "tenant": null, "data": {"plan": "pro"}, "cancellation_key": "c1", "status": "cancelled",
            "created_at": "2024-05-01T12:00:10.000Z", "cancelled_at": "2024-05-01T12:00:12.000Z",
            "event_id": "evt_run"})"));

        QCOMPARE(field(StoreQueries::runs(m_store->db(), u"development"_s, filter(u"invoice"_s)), u"workflow"_s),
                 QStringList{u"invoice-paid"_s});
        // Recipients are searchable too.
        QCOMPARE(field(StoreQueries::runs(m_store->db(), u"development"_s, filter(u"\"u1\""_s)), u"workflow"_s),
                 QStringList{u"welcome"_s});

        const auto one = StoreQueries::run(m_store->db(), u"development"_s, rows[0].value(u"id"_s).toString());
        QVERIFY(one.has_value());
        QCOMPARE(*one, rows[0]);
    }

    void getters()
    {
        auto user = StoreQueries::user(m_store->db(), u"development"_s, u"u1"_s);
        QVERIFY(user.has_value());
        QCOMPARE(user->value(u"email"_s).toString(), u"ada@example.com"_s);
        QVERIFY(!StoreQueries::user(m_store->db(), u"development"_s, u"p1"_s)); // another environment's
        QVERIFY(!StoreQueries::user(m_store->db(), u"development"_s, u"nobody"_s));

        auto object = StoreQueries::object(m_store->db(), u"development"_s, u"projects"_s, u"apollo"_s);
        QVERIFY(object.has_value());
        QCOMPARE(object->value(u"name"_s).toString(), u"Apollo"_s);
        QVERIFY(!StoreQueries::object(m_store->db(), u"development"_s, u"teams"_s, u"apollo"_s));

        auto tenant = StoreQueries::tenant(m_store->db(), u"development"_s, u"acme"_s);
        QVERIFY(tenant.has_value());
        QCOMPARE(tenant->value(u"id"_s).toString(), u"acme"_s);
        QVERIFY(!StoreQueries::tenant(m_store->db(), u"production"_s, u"acme"_s));

        auto audience = StoreQueries::audience(m_store->db(), u"development"_s, u"beta"_s);
        QVERIFY(audience.has_value());
        QCOMPARE(audience->value(u"member_count"_s).toInt(), 2);
        QVERIFY(!StoreQueries::run(m_store->db(), u"development"_s, u"run_nope"_s));
    }

    void sqlFailureReported()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"DROP TABLE users"_s));
        QString error;
        QCOMPARE(StoreQueries::users(m_store->db(), u"development"_s, {}, &error).size(), 0);
        QVERIFY2(error.startsWith(u"database error: "_s), qPrintable(error));
        error.clear();
        QVERIFY(!StoreQueries::user(m_store->db(), u"development"_s, u"u1"_s, &error));
        QVERIFY(!error.isEmpty());
    }

    void isoTime()
    {
        QCOMPARE(StoreQueries::isoTime(QVariant(qint64(0))).toString(), u"1970-01-01T00:00:00.000Z"_s);
        QVERIFY(StoreQueries::isoTime(QVariant()).isNull());
    }

    void inMemoryDatabaseOpens()
    {
        // ":memory:" is no file to create owner-only (the fuzzers use it).
        QString error;
        const QString name = inlet::Database::uniqueConnectionName(u"memory"_s);
        {
            QSqlDatabase db = inlet::Database::open(inlet::DatabaseUrl::parse(u"sqlite::memory:"_s), name, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            QVERIFY2(inlet::Database::migrate(db, &error), qPrintable(error));
        }
        inlet::Database::close(name);
    }
};

QTEST_GUILESS_MAIN(TestStoreQueries)
#include "test_store_queries.moc"
