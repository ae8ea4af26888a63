// The Segment-compatible tracking API (SPEC 3): what the official SDKs send
// (captured requests), authentication by write key, one event per message,
// partial batches, Segment's limits, gzip and idempotency on messageId;
// Jitsu's own routes and key forms; CORS for browser SDKs.
#include "support/EngineFixture.h"
#include "util/Gzip.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
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
    {"key": "jitsu", "template": "jitsu", "environments": {"development": {
      "settings": {"write_key": "js.abc123:s3cr3t"}}}},
    {"key": "jitsu_generated", "template": "jitsu", "environments": {"development": {}}},
    {"key": "ph", "template": "posthog_capture", "environments": {"development": {
      "settings": {"write_key": "phc_test_project_key"}}}},
    {"key": "rudder_tpl", "template": "rudderstack", "environments": {"development": {
      "settings": {"write_key": "rudder_template_key"}}}},
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

    void jitsuSdkRoutes_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<QByteArray>("authHeader");
        QTest::addColumn<QByteArray>("authValue");
        // @jitsu/js posts to /api/s/{type} (or /api/s/s2s/{type}) with
        // X-Write-Key "<id>:<secret>"; Jitsu also takes Basic auth and ?writeKey=.
        QTest::newRow("browser path, X-Write-Key")
            << u"/api/s/identify"_s << QByteArray("X-Write-Key") << QByteArray("js.abc123:s3cr3t");
        QTest::newRow("s2s path, X-Write-Key")
            << u"/api/s/s2s/identify"_s << QByteArray("X-Write-Key") << QByteArray("js.abc123:s3cr3t");
        QTest::newRow("Basic id:secret") << u"/api/s/identify"_s << QByteArray("Authorization")
                                         << QByteArray("Basic " + QByteArray("js.abc123:s3cr3t").toBase64());
        QTest::newRow("query writeKey") << u"/api/s/identify?writeKey=js.abc123%3As3cr3t"_s << QByteArray()
                                        << QByteArray();
        QTest::newRow("/v1 route") << u"/v1/identify"_s << QByteArray("X-Write-Key") << QByteArray("js.abc123:s3cr3t");
    }
    void jitsuSdkRoutes()
    {
        QFETCH(QString, route);
        QFETCH(QByteArray, authHeader);
        QFETCH(QByteArray, authValue);
        const QByteArray body = fixture(u"jitsu/identify.json"_s);
        QVERIFY(!body.isEmpty());
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!authHeader.isEmpty())
            headers.append({authHeader, authValue});
        const auto r = fx->post(route, body, headers);
        QCOMPARE(r.status, 200);
        const auto list = events(u"jitsu"_s);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().eventType, u"identify"_s);
        QVERIFY2(list.first().status == u"processed"_s, qPrintable(list.first().statusDetail));
        const QString user = QJsonDocument::fromJson(body).object().value(u"userId"_s).toString();
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = '%1'"_s.arg(user)), 1);
    }

    void jitsuKeysAreGeneratedAsIdAndSecret()
    {
        // @jitsu/js throws on a key without a secret part ("Legacy write key").
        QSqlQuery q(fx->db());
        QVERIFY(q.exec(u"SELECT write_key FROM source_configs WHERE source = 'jitsu_generated'"_s) && q.next());
        const QString key = q.value(0).toString();
        QVERIFY2(QRegularExpression(u"^wk_[A-Za-z0-9_-]{8,}:[A-Za-z0-9_-]{16,}$"_s).match(key).hasMatch(),
                 qPrintable(key));
        QVERIFY(q.exec(u"SELECT write_key FROM source_configs WHERE source = 'rudder_tpl'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"rudder_template_key"_s);
        q.finish(); // an open read would keep this connection on its snapshot
        const auto r =
            fx->post(u"/api/s/s2s/track"_s, R"({"userId":"u1","event":"Signed Up"})", {{"X-Write-Key", key.toUtf8()}});
        QCOMPARE(r.status, 200);
        QCOMPARE(events(u"jitsu_generated"_s).size(), 1);
    }

    void jitsuRoutesRefuseWhatIsNotAMessage()
    {
        QCOMPARE(fx->post(u"/api/s/batch"_s, "{}", {{"X-Write-Key", "js.abc123:s3cr3t"}}).status, 404);
        QCOMPARE(fx->post(u"/api/s/s2s/nope"_s, "{}", {{"X-Write-Key", "js.abc123:s3cr3t"}}).status, 404);
        // The id alone is not the key.
        QCOMPARE(fx->post(u"/api/s/identify"_s, R"({"userId":"u"})", {{"X-Write-Key", "js.abc123"}}).status, 401);
        QCOMPARE(fx->count(u"SELECT count(*) FROM events"_s), 0);
    }

    void browserCorsPreflightAndOrigin()
    {
        const auto pre = fx->request("OPTIONS", u"/api/s/track"_s, {},
                                     {{"Origin", "https://shop.example"},
                                      {"Access-Control-Request-Method", "POST"},
                                      {"Access-Control-Request-Headers", "content-type,x-write-key"}});
        QCOMPARE(pre.status, 204);
        QCOMPARE(pre.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        QVERIFY(pre.header("access-control-allow-methods").contains("POST"));
        QCOMPARE(pre.header("access-control-allow-headers"), QByteArray("content-type,x-write-key"));
        QCOMPARE(fx->count(u"SELECT count(*) FROM events"_s), 0);

        const auto r = fx->post(u"/v1/track"_s, R"({"userId":"u1","event":"Song Played","properties":{}})",
                                {{"X-Write-Key", "test_write_key"}, {"Origin", "https://shop.example"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        QCOMPARE(r.header("access-control-allow-credentials"), QByteArray("true"));
        // Errors reach the page too, so the SDK can log them.
        const auto bad = fx->post(u"/v1/track"_s, R"({"userId":"u1","event":"x"})",
                                  {{"X-Write-Key", "nope"}, {"Origin", "https://shop.example"}});
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        // Without an Origin (a server SDK) there is nothing to add.
        const auto plain =
            fx->post(u"/v1/track"_s, R"({"userId":"u1","event":"x"})", {{"X-Write-Key", "test_write_key"}});
        QVERIFY(plain.header("access-control-allow-origin").isEmpty());
    }

    void rudderstackSdkTimestampFromOriginalTimestamp()
    {
        // rudder-sdk-node sends originalTimestamp and sentAt, no timestamp.
        const QByteArray body = fixture(u"rudderstack/batch.track.captured-rudder-sdk-node.json"_s);
        const QJsonObject first = QJsonDocument::fromJson(body).object().value(u"batch"_s).toArray().at(0).toObject();
        QVERIFY(!first.contains(u"timestamp"_s));
        QVERIFY(first.contains(u"originalTimestamp"_s));
        QCOMPARE(fx->post(u"/v1/batch"_s, body, {{"Authorization", basic("rudder_template_key")}}).status, 200);
        const auto list = events(u"rudder_tpl"_s);
        QVERIFY(!list.isEmpty());
        QCOMPARE(list.first().timestamp, first.value(u"originalTimestamp"_s).toString());
    }

    void posthogNodeBatch_data()
    {
        QTest::addColumn<QString>("route");
        QTest::addColumn<bool>("gzipped");
        // posthog-node posts {api_key, batch} to /batch/, gzipped.
        QTest::newRow("/batch/ gzip") << u"/batch/"_s << true;
        QTest::newRow("/batch plain") << u"/batch"_s << false;
        QTest::newRow("/i/v0/e/") << u"/i/v0/e/"_s << false;
    }
    void posthogNodeBatch()
    {
        QFETCH(QString, route);
        QFETCH(bool, gzipped);
        const QByteArray body = fixture(u"posthog/capture-batch.captured-posthog-node.json"_s);
        QVERIFY(!body.isEmpty());
        const auto r = gzipped ? fx->post(route, inlet::gzip(body),
                                          {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}})
                               : fx->post(route, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"status"_s, 1}}));
        const auto list = events(u"ph"_s);
        QCOMPARE(list.size(), 2);
        const QJsonArray batch = QJsonDocument::fromJson(body).object().value(u"batch"_s).toArray();
        QCOMPARE(list[0].eventType, u"order completed"_s);
        QCOMPARE(list[0].status, u"unmapped"_s);
        QCOMPARE(list[0].idempotencyKey, batch.at(0).toObject().value(u"uuid"_s).toString());
        QCOMPARE(list[0].timestamp, batch.at(0).toObject().value(u"timestamp"_s).toString());
        QCOMPARE(list[1].eventType, u"$identify"_s);
        QVERIFY2(list[1].status == u"processed"_s, qPrintable(list[1].statusDetail));
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'user_123' AND email = 'pgibbons@example.com'"_s),
                 1);
        // The project API key is a credential: not in the stored events.
        for (const auto &e : list)
            QVERIFY(!e.body.contains("phc_test_project_key"));
        // The SDK retries the same batch: the uuids make them idempotent.
        QCOMPARE(fx->post(route, body).status, 200);
        const auto again = events(u"ph"_s);
        QCOMPARE(again.size(), 4);
        QCOMPARE(again[3].status, u"idempotent"_s);
    }

    void posthogJsEncodings_data()
    {
        QTest::addColumn<QString>("compression");
        // posthog-js's request.ts: gzip-js sends gzip as text/plain, base64
        // sends a form field; the query always names the compression.
        QTest::newRow("gzip-js") << u"gzip-js"_s;
        QTest::newRow("base64") << u"base64"_s;
        QTest::newRow("none") << QString();
    }
    void posthogJsEncodings()
    {
        QFETCH(QString, compression);
        // As posthog-js batches: an array, the project key in each event's properties.
        const QByteArray json = R"([{"event":"$pageview","uuid":"01933d7e-0000-7000-8000-000000000001",
            "timestamp":"2026-11-29T12:00:00.000Z","properties":{"token":"phc_test_project_key","distinct_id":"u20",
            "$pathname":"/p?a=1+2"}},
            {"event":"$identify","uuid":"01933d7e-0000-7000-8000-000000000002","properties":{"token":"phc_test_project_key",
            "distinct_id":"u20","$set":{"email":"u20@example.com","name":"Zoë"}}}])";
        QString route = u"/e/?ip=1&_=1732881600000&ver=1.200.0"_s;
        QByteArray body = json;
        QList<QPair<QByteArray, QByteArray>> headers;
        if (compression == u"gzip-js"_s) {
            body = inlet::gzip(json);
            headers = {{"Content-Type", "text/plain"}};
        } else if (compression == u"base64"_s) {
            body = "data=" + json.toBase64().toPercentEncoding();
            headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        }
        if (!compression.isEmpty())
            route += u"&compression="_s + compression;
        // From a web page: a JSON body is preflighted, and every answer must
        // name the page's origin for the SDK to read it.
        const auto pre = fx->request("OPTIONS", route, {},
                                     {{"Origin", "https://shop.example"},
                                      {"Access-Control-Request-Method", "POST"},
                                      {"Access-Control-Request-Headers", "content-type"}});
        QCOMPARE(pre.status, 204);
        QCOMPARE(pre.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        QCOMPARE(pre.header("access-control-allow-headers"), QByteArray("content-type"));
        headers.append(qMakePair(QByteArray("Origin"), QByteArray("https://shop.example")));
        const auto r = fx->post(route, body, headers);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"status"_s, 1}}));
        QCOMPARE(r.header("access-control-allow-origin"), QByteArray("https://shop.example"));
        QCOMPARE(r.header("access-control-allow-credentials"), QByteArray("true"));
        const auto list = events(u"ph"_s);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0].eventType, u"$pageview"_s);
        QCOMPARE(list[1].eventType, u"$identify"_s);
        QVERIFY2(list[1].status == u"processed"_s, qPrintable(list[1].statusDetail));
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'u20' AND email = 'u20@example.com'"_s), 1);
        for (const auto &e : list)
            QVERIFY(!e.body.contains("phc_test_project_key"));
    }

    void posthogJsEncodingRefusals()
    {
        const QByteArray json = R"([{"event":"x","properties":{"token":"phc_test_project_key","distinct_id":"u"}}])";
        auto r =
            fx->post(u"/e/?compression=lz64"_s, "N4Ig...", {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(r.status, 415);
        QVERIFY(r.json().value(u"detail"_s).toString().contains(u"lz64"_s));
        r = fx->post(u"/e/?compression=base64"_s, "data=%%%not-base64!", {});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(u"error"_s).toString(), u"invalid_encoding"_s);
        r = fx->post(u"/e/?compression=gzip-js"_s, inlet::gzip(json).chopped(6), {{"Content-Type", "text/plain"}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(u"error"_s).toString(), u"invalid_encoding"_s);
        // A gzip bomb stops at the body limit.
        r = fx->post(u"/e/?compression=gzip-js"_s, inlet::gzip(QByteArray(QByteArray(64 * 1024 * 1024, ' ') + json)),
                     {});
        QCOMPARE(r.status, 413);
        QCOMPARE(fx->count(u"SELECT count(*) FROM events"_s), 0);
    }

    void posthogCaptureSingleEventAndRefusals()
    {
        auto r = fx->post(u"/capture/"_s,
                          R"({"api_key":"phc_test_project_key","event":"$set","distinct_id":"u9",
                              "properties":{"$set":{"email":"u9@example.com"}}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(events(u"ph"_s).size(), 1); // waits until it is processed
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'u9' AND email = 'u9@example.com'"_s), 1);
        // Unknown or missing key: 401, nothing logged.
        r = fx->post(u"/batch/"_s, R"({"api_key":"phc_nope","batch":[{"event":"x","distinct_id":"u"}]})");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json().value(u"error"_s).toString(), u"unknown_source"_s);
        QCOMPARE(fx->post(u"/batch/"_s, R"({"batch":[{"event":"x","distinct_id":"u"}]})").status, 401);
        QCOMPARE(fx->request("GET", u"/batch/"_s).status, 405);
        // A malformed entry is rejected, the others accepted.
        r = fx->post(u"/batch/"_s, R"({"api_key":"phc_test_project_key",
            "batch":[{"distinct_id":"u"},42,{"event":"$identify","distinct_id":"u10"}]})");
        QCOMPARE(r.status, 200);
        const auto list = events(u"ph"_s);
        QCOMPARE(list.size(), 4);
        QCOMPARE(list[1].status, u"rejected"_s);
        QVERIFY(list[1].statusDetail.contains(u"no name"_s));
        QCOMPARE(list[2].status, u"rejected"_s);
        QCOMPARE(list[3].status, u"processed"_s);
        // Invalid JSON: the key cannot be read, so it is refused like an unknown one.
        r = fx->post(u"/batch/"_s, R"({"api_key":"phc_test_project_key","batch":[)");
        QCOMPARE(r.status, 401); // the key cannot be read from a body that does not parse
        QVERIFY(r.json().value(u"detail"_s).toString().contains(u"invalid JSON"_s));
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
