// The Knock-compatible REST subset (SPEC 8): Bearer API keys, each request an
// event of its source with its actions, Knock-shaped responses and errors,
// bulk identify in one transaction, rate limits.
#include "support/EngineFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::test::EngineFixture;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"production": ["welcome"]},
  "sources": [
    {"key": "hightouch", "template": "custom", "environments": {"production": {
      "token": "tok_ht_prod_000001", "settings": {"api_key": "sk_test_hightouch"}, "mappings": []}}},
    {"key": "census", "template": "custom", "environments": {"production": {
      "token": "tok_census_prod_01", "settings": {"api_key": "sk_test_census", "rate_limit_per_second": 2},
      "mappings": []}}}
  ]})";

const QList<QPair<QByteArray, QByteArray>> kAuth = {{"Authorization", "Bearer sk_test_hightouch"}};

} // namespace

class TestRestApi : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EngineFixture> fx;

    inlet::test::HttpResult call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return fx->request(method, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(), kAuth);
    }
    inlet::EventRecord lastEvent()
    {
        inlet::LogFilter f;
        f.limit = 1;
        return fx->log().events(f, true).value(0);
    }

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<EngineFixture>();
        QVERIFY(fx->importConfig(kConfig));
        QVERIFY(fx->start());
    }
    void cleanup() { fx.reset(); }

    void identifyReturnsTheUser()
    {
        const auto r = call("PUT", u"/v1/users/u1"_s, {{u"email"_s, u"ada@example.com"_s}, {u"plan"_s, u"pro"_s}});
        QCOMPARE(r.status, 200);
        const QJsonObject user = r.json();
        QCOMPARE(user.value(u"id"_s).toString(), u"u1"_s);
        QCOMPARE(user.value(u"email"_s).toString(), u"ada@example.com"_s);
        QCOMPARE(user.value(u"plan"_s).toString(), u"pro"_s);
        QCOMPARE(user.value(u"__typename"_s).toString(), u"User"_s);
        const auto e = lastEvent();
        QCOMPARE(e.source, u"hightouch"_s);
        QCOMPARE(e.env, u"production"_s);
        QCOMPARE(e.origin, u"api"_s);
        QCOMPARE(e.eventType, u"users.identify"_s);
        QCOMPARE(e.status, u"processed"_s);
        QCOMPARE(e.headers.value(u"authorization"_s).toString(), u"[redacted]"_s);
        QCOMPARE(fx->log().actionsForEvent(e.id).size(), 1);
    }

    void bulkIdentifyIsOneEvent()
    {
        QJsonArray users;
        for (int i = 0; i < 1000; ++i)
            users.append(QJsonObject{{u"id"_s, u"bulk-%1"_s.arg(i)}, {u"name"_s, u"User %1"_s.arg(i)}});
        const auto r = call("POST", u"/v1/users/bulk/identify"_s, {{u"users"_s, users}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"success_count"_s).toInt(), 1000);
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id LIKE 'bulk-%'"_s), 1000);
        const auto e = lastEvent();
        QCOMPARE(e.eventType, u"users.bulk_identify"_s);
        QCOMPARE(fx->log().actionsForEvent(e.id).size(), 1000);

        users.append(QJsonObject{{u"id"_s, u"one-too-many"_s}});
        const auto tooMany = call("POST", u"/v1/users/bulk/identify"_s, {{u"users"_s, users}});
        QCOMPARE(tooMany.status, 422);
        QCOMPARE(tooMany.json().value(u"code"_s).toString(), u"invalid_params"_s);
        QVERIFY(tooMany.json().value(u"message"_s).toString().contains(u"1000"_s));
    }

    void triggerAndErrors()
    {
        QCOMPARE(call("PUT", u"/v1/users/u2"_s, {{u"name"_s, u"B"_s}}).status, 200);
        auto r = call("POST", u"/v1/workflows/welcome/trigger"_s,
                      {{u"recipients"_s, QJsonArray{u"u2"_s}}, {u"data"_s, QJsonObject{{u"x"_s, 1}}}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"workflow_run_id"_s).toString().startsWith(u"run_"_s));
        r = call("POST", u"/v1/workflows/nope/trigger"_s, {{u"recipients"_s, QJsonArray{u"u2"_s}}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(u"code"_s).toString(), u"not_found"_s);
        QVERIFY(r.json().value(u"message"_s).toString().contains(u"nope"_s));
        QCOMPARE(lastEvent().status, u"failed"_s);
    }

    void objectsTenantsAudiencesDeletes()
    {
        QCOMPARE(call("PUT", u"/v1/users/m1"_s, {{u"name"_s, u"M"_s}}).status, 200);
        auto r = call("PUT", u"/v1/objects/projects/p1"_s, {{u"name"_s, u"Project"_s}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"collection"_s).toString(), u"projects"_s);
        r = call("PUT", u"/v1/tenants/t1"_s, {{u"name"_s, u"Acme"_s}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"name"_s).toString(), u"Acme"_s);
        r = call("POST", u"/v1/audiences/beta/members"_s,
                 {{u"members"_s, QJsonArray{QJsonObject{{u"user"_s, QJsonObject{{u"id"_s, u"m1"_s}}}}}}});
        QCOMPARE(r.status, 204);
        QCOMPARE(fx->count(u"SELECT count(*) FROM audience_members WHERE audience = 'beta' AND user_id = 'm1'"_s), 1);
        QCOMPARE(call("DELETE", u"/v1/audiences/beta/members"_s,
                      {{u"members"_s, QJsonArray{QJsonObject{{u"user"_s, QJsonObject{{u"id"_s, u"m1"_s}}}}}}})
                     .status,
                 204);
        QCOMPARE(fx->count(u"SELECT count(*) FROM audience_members"_s), 0);
        QCOMPARE(call("DELETE", u"/v1/objects/projects/p1"_s).status, 204);
        QCOMPARE(call("DELETE", u"/v1/tenants/t1"_s).status, 204);
        QCOMPARE(call("DELETE", u"/v1/users/m1"_s).status, 204);
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'm1'"_s), 0);
        QCOMPARE(lastEvent().eventType, u"users.delete"_s);
    }

    void missingBodyFields_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("bulk without users")
            << QByteArray("POST") << u"/v1/users/bulk/identify"_s << QByteArray("{}") << 422 << u"users"_s;
        QTest::newRow("members missing") << QByteArray("POST") << u"/v1/audiences/a/members"_s << QByteArray("{}")
                                         << 422 << u"members"_s;
        QTest::newRow("trigger without recipients")
            << QByteArray("POST") << u"/v1/workflows/welcome/trigger"_s << QByteArray("{}") << 422 << u"recipients"_s;
        QTest::newRow("bulk user without id") << QByteArray("POST") << u"/v1/users/bulk/identify"_s
                                              << QByteArray("{\"users\":[{\"name\":\"x\"}]}") << 200 << u""_s;
    }
    void missingBodyFields()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const auto r = fx->request(method, path, body, kAuth);
        QCOMPARE(r.status, status);
        if (status != 200) {
            QVERIFY2(r.json().value(u"message"_s).toString().contains(message), r.body.constData());
            QVERIFY(!r.json().value(u"code"_s).toString().isEmpty());
        } else {
            // A bulk request reports each user that could not be written.
            QCOMPARE(r.json().value(u"error_count"_s).toInt(), 1);
        }
    }

    void authenticationAndRouting()
    {
        auto r = fx->request("PUT", u"/v1/users/x"_s, "{}", {{"Authorization", "Bearer wrong"}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(u"code"_s).toString(), u"unknown_source"_s);
        r = fx->request("PUT", u"/v1/users/x"_s, "{}");
        QCOMPARE(r.status, 401);
        r = call("GET", u"/v1/users/x"_s);
        QCOMPARE(r.status, 405);
        r = call("POST", u"/v1/objects/only-collection"_s);
        QCOMPARE(r.status, 404);
        r = fx->request("PUT", u"/v1/users/x"_s, "{not json", kAuth);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(u"code"_s).toString(), u"invalid_json"_s);
        QCOMPARE(lastEvent().status, u"rejected"_s);
    }

    void rateLimit()
    {
        const QList<QPair<QByteArray, QByteArray>> census = {{"Authorization", "Bearer sk_test_census"}};
        int limited = 0;
        QByteArray retryAfter;
        for (int i = 0; i < 6; ++i) {
            const auto r = fx->request("PUT", u"/v1/users/r%1"_s.arg(i), "{}", census);
            if (r.status == 429) {
                ++limited;
                retryAfter = r.header("retry-after");
            }
        }
        QVERIFY2(limited >= 3, qPrintable(QString::number(limited)));
        QCOMPARE(retryAfter, QByteArray("1"));
    }
};

QTEST_GUILESS_MAIN(TestRestApi)
#include "test_rest_api.moc"
