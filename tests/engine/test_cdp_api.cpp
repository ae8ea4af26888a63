// The Segment-compatible tracking API (SPEC 3): what the official SDKs send
// (captured requests), authentication by write key, one event per message,
// partial batches, Segment's limits, gzip and idempotency on messageId.
#include "support/EngineFixture.h"
#include "util/Gzip.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::test::EngineFixture;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"development": ["song-played"]},
  "sources": [
    {"key": "segment", "template": "custom", "environments": {"development": {
      "token": "tok_segment_dev_01",
      "settings": {"write_key": "test_write_key", "enforce_verification": false, "verification": {"scheme": "none"},
                   "idempotency_key_path": "body.messageId"},
      "mappings": [
        {"event_type": "identify", "action_type": "users_identify",
         "action_parameters": {"id": "body.userId", "email": {"coalesce": ["body.traits.email", "body.context.traits.email"]}}},
        {"event_type": "track/Song Played", "action_type": "workflows_trigger",
         "action_parameters": {"key": "song-played", "recipients": "body.userId", "data": "body.properties"}}
      ]}}},
    {"key": "rudder", "template": "custom", "environments": {"development": {
      "token": "tok_rudder_dev_001",
      "settings": {"write_key": "rudder_write_key", "enforce_verification": false, "verification": {"scheme": "none"}},
      "mappings": [{"event_type": "identify", "action_type": "users_identify",
         "action_parameters": {"id": "body.userId", "email": {"coalesce": ["body.traits.email", "body.context.traits.email"]}}}]}}},
    {"key": "docs", "template": "custom", "environments": {"development": {
      "token": "tok_docs_dev_00001",
      "settings": {"write_key": "YOUR_WRITE_KEY", "enforce_verification": false, "verification": {"scheme": "none"}},
      "mappings": [
        {"event_type": "identify", "action_type": "users_identify", "action_parameters": {"id": "body.userId"}},
        {"event_type": "track/Song Played", "action_type": "workflows_trigger",
         "action_parameters": {"key": "song-played", "recipients": "body.userId", "data": "body.properties"}}]}}}
  ]})";

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(INLET_TEST_DATA_DIR) + u"/payloads/"_s + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray basic(const QByteArray &key)
{
    return "Basic " + QByteArray(key + ":").toBase64();
}

} // namespace

class TestCdpApi : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EngineFixture> fx;

    QList<inlet::EventRecord> events(const QString &source)
    {
        inlet::LogFilter f;
        f.source = source;
        f.limit = 1000;
        auto list = fx->log().events(f, true);
        std::reverse(list.begin(), list.end()); // oldest first
        for (auto &e : list)
            e = *fx->waitProcessed(e.id);
        return list;
    }

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<EngineFixture>();
        QVERIFY(fx->importConfig(kConfig));
        QVERIFY(fx->start());
    }
    void cleanup() { fx.reset(); }

    void analyticsNodeBatch()
    {
        const QByteArray body = fixture(u"segment/batch.captured-analytics-node.json"_s);
        QVERIFY(!body.isEmpty());
        const auto r = fx->post(u"/v1/batch"_s, body, {{"Authorization", basic("test_write_key")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"success"_s, true}}));
        const auto list = events(u"segment"_s);
        const QJsonArray batch = QJsonDocument::fromJson(body).object().value(u"batch"_s).toArray();
        QCOMPARE(list.size(), batch.size());
        QStringList types;
        for (const auto &e : list)
            types.append(e.eventType);
        QCOMPARE(types.first(), u"identify"_s);
        QVERIFY2(types.contains(u"group"_s) && types.contains(u"page"_s), qPrintable(types.join(u',')));
        QVERIFY(std::any_of(types.begin(), types.end(), [](const QString &t) { return t.startsWith(u"track/"_s); }));
        QCOMPARE(list.first().status, u"processed"_s);
        QCOMPARE(list.first().idempotencyKey, batch.at(0).toObject().value(u"messageId"_s).toString());
        QCOMPARE(list.first().headers.value(u"authorization"_s).toString(), u"[redacted]"_s);
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'user_123' AND email = 'pgibbons@example.com'"_s),
                 1);

        // The SDK retries with the same messageIds: nothing runs twice.
        QCOMPARE(fx->post(u"/v1/batch"_s, body, {{"Authorization", basic("test_write_key")}}).status, 200);
        const auto again = events(u"segment"_s);
        QCOMPARE(again.size(), 2 * batch.size());
        QCOMPARE(again.at(batch.size()).eventType, u"identify"_s);
        QCOMPARE(again.at(batch.size()).status, u"idempotent"_s);
        QCOMPARE(again.at(batch.size()).replayOf, list.first().id);
    }

    void rudderstackGzipWithFormContentType()
    {
        const QByteArray body = fixture(u"rudderstack/batch.identify.captured-rudder-sdk-node.json"_s);
        const auto r = fx->post(u"/v1/batch"_s, inlet::gzip(body),
                                {{"Authorization", basic("rudder_write_key")},
                                 {"Content-Type", "application/x-www-form-urlencoded"},
                                 {"Content-Encoding", "gzip"}});
        QCOMPARE(r.status, 200);
        const auto list = events(u"rudder"_s);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().status, u"processed"_s);
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'user_123'"_s), 1);
    }

    void writeKeyInBodyAndOrderWithinBatch()
    {
        // Segment's documented batch: identify before track for each user, so
        // each trigger finds its recipient already identified.
        const auto r = fx->post(u"/v1/batch"_s, fixture(u"segment/http-api.batch.request.json"_s));
        QCOMPARE(r.status, 200);
        const auto list = events(u"docs"_s);
        QCOMPARE(list.size(), 4);
        for (const auto &e : list)
            QVERIFY2(e.status == u"processed"_s, qPrintable(e.eventType + u": "_s + e.statusDetail));
        QCOMPARE(fx->count(u"SELECT count(*) FROM workflow_runs"_s), 2);
    }

    void singleMessageRoutes_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("type");
        QTest::newRow("track") << u"/v1/track"_s
                               << QByteArray(R"({"userId":"u1","event":"Song Played","properties":{}})")
                               << u"track/Song Played"_s;
        QTest::newRow("identify") << u"/v1/identify"_s << QByteArray(R"({"userId":"u1","traits":{}})") << u"identify"_s;
        QTest::newRow("page") << u"/v1/page"_s << QByteArray(R"({"userId":"u1","name":"Home"})") << u"page"_s;
        QTest::newRow("screen") << u"/v1/screen"_s << QByteArray(R"({"userId":"u1"})") << u"screen"_s;
        QTest::newRow("group") << u"/v1/group"_s << QByteArray(R"({"userId":"u1","groupId":"g"})") << u"group"_s;
        QTest::newRow("alias") << u"/v1/alias"_s << QByteArray(R"({"userId":"u1","previousId":"a"})") << u"alias"_s;
    }
    void singleMessageRoutes()
    {
        QFETCH(QString, route);
        QFETCH(QByteArray, body);
        QFETCH(QString, type);
        const auto r = fx->post(route, body, {{"X-Write-Key", "test_write_key"}});
        QCOMPARE(r.status, 200);
        const auto list = events(u"segment"_s);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().eventType, type);
    }

    void unknownWriteKey()
    {
        auto r = fx->post(u"/v1/track"_s, R"({"userId":"u","event":"x"})", {{"Authorization", basic("nope")}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(u"error"_s).toString(), u"unknown_source"_s);
        r = fx->post(u"/v1/track"_s, R"({"userId":"u","event":"x"})");
        QCOMPARE(r.status, 401);
        QCOMPARE(fx->count(u"SELECT count(*) FROM events"_s), 0);
    }

    void partialBatch()
    {
        const QByteArray body = R"({"batch":[{"type":"identify","userId":"a"},{"userId":"no-type"},
            {"type":"track","userId":"a"},{"type":"identify","userId":"b"}]})";
        const auto r = fx->post(u"/v1/batch"_s, body, {{"Authorization", basic("test_write_key")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"success"_s).toBool(), true);
        const auto list = events(u"segment"_s);
        QCOMPARE(list.size(), 4);
        QCOMPARE(list[0].status, u"processed"_s);
        QCOMPARE(list[1].status, u"rejected"_s);
        QVERIFY(list[1].statusDetail.contains(u"no type"_s));
        QCOMPARE(list[2].status, u"rejected"_s);
        QVERIFY(list[2].statusDetail.contains(u"event name"_s));
        QCOMPARE(list[3].status, u"processed"_s);
    }

    void segmentLimits()
    {
        const QString big(33 * 1024, u'x');
        const QJsonObject bigTrack{{u"type"_s, u"track"_s},
                                   {u"userId"_s, u"u"_s},
                                   {u"event"_s, u"x"_s},
                                   {u"properties"_s, QJsonObject{{u"p"_s, big}}}};
        auto r = fx->post(u"/v1/track"_s, QJsonDocument(bigTrack).toJson(), {{"X-Write-Key", "test_write_key"}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.json().value(u"detail"_s).toString().contains(u"over the limit"_s));
        // A batch with one oversized message: that one is rejected, the rest accepted.
        const QJsonObject mixed{
            {u"batch"_s, QJsonArray{QJsonObject{{u"type"_s, u"identify"_s}, {u"userId"_s, u"ok"_s}}, bigTrack}}};
        r = fx->post(u"/v1/batch"_s, QJsonDocument(mixed).toJson(), {{"X-Write-Key", "test_write_key"}});
        QCOMPARE(r.status, 200);
        const auto list = events(u"segment"_s);
        QCOMPARE(list.last().status, u"rejected"_s);
        QCOMPARE(list.at(list.size() - 2).status, u"processed"_s);
        // Over 500 KB in all: the whole batch is refused.
        QJsonArray many;
        for (int i = 0; i < 20; ++i)
            many.append(QJsonObject{{u"type"_s, u"identify"_s},
                                    {u"userId"_s, u"u"_s},
                                    {u"traits"_s, QJsonObject{{u"p"_s, QString(30 * 1024, u'y')}}}});
        r = fx->post(u"/v1/batch"_s, QJsonDocument(QJsonObject{{u"batch"_s, many}}).toJson(),
                     {{"X-Write-Key", "test_write_key"}});
        QCOMPARE(r.status, 400);
    }
};

QTEST_GUILESS_MAIN(TestCdpApi)
#include "test_cdp_api.moc"
