// Preprocess scripts in the pipeline (SPEC 6): their output is on the event
// and reachable as preprocess.*, the `script` scheme verifies through them,
// and a failing script is reported on the event.
#include "support/CliRunner.h"
#include "support/EngineFixture.h"

#include "util/Crypto.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::clitest::CliResult;
using inlet::clitest::CliRunner;
using inlet::test::EngineFixture;

namespace {

// Supabase database webhooks carry no event type: the script builds one.
const QByteArray kConfig = R"JSON({
  "version": 1,
  "sources": [
    {"key": "db", "template": "custom", "environments": {"development": {
      "token": "tok_db_dev_000001",
      "settings": {"enforce_verification": false, "verification": {"scheme": "none"},
        "event_type_path": "preprocess.event_type",
        "preprocess_script": "function main(ctx) { if (ctx.body.boom) throw new Error('boom'); return {event_type: ctx.body.schema + '.' + ctx.body.table + ':' + ctx.body.type, user: ctx.body.record.id}; }"},
      "mappings": [{"event_type": "auth.users:INSERT", "action_type": "users_identify",
                    "action_parameters": {"id": "preprocess.user", "email": "body.record.email"}}]}}},
    {"key": "scripted", "template": "custom", "environments": {"development": {
      "token": "tok_scripted_dev_1",
      "settings": {"enforce_verification": true, "verification": {"scheme": "script"},
        "script_vars": {"secret": "k"},
        "preprocess_script": "function main(ctx) { var ok = inlet.timingSafeEqual(inlet.hmacSha256Hex(ctx.vars.secret, ctx.rawBody), ctx.headers['x-sig'] || ''); return {verified: ok, reason: ok ? '' : 'x-sig does not match'}; }"},
      "mappings": []}}},
    {"key": "vaulted", "template": "custom", "environments": {"development": {
      "token": "tok_vaulted_dev_1",
      "settings": {"enforce_verification": true, "verification": {"scheme": "script"},
        "script_vars": {"region": "eu", "signing_key": {"value": "v-s3cret-key", "secret": true}},
        "preprocess_script": "function main(ctx) { var ok = inlet.timingSafeEqual(inlet.hmacSha256Hex(ctx.vars.signing_key, ctx.rawBody), ctx.headers['x-sig'] || ''); return {verified: ok, region: ctx.vars.region, key_length: ctx.vars.signing_key.length}; }"},
      "mappings": []}}}
  ]})JSON";

} // namespace

class TestPreprocess : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EngineFixture> fx;

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<EngineFixture>();
        QVERIFY(fx->importConfig(kConfig));
        QVERIFY(fx->start());
    }
    void cleanup() { fx.reset(); }

    void eventTypeFromScript()
    {
        const auto r = fx->post(
            u"/integrations/receive/tok_db_dev_000001"_s,
            R"({"type":"INSERT","table":"users","schema":"auth","record":{"id":"u7","email":"x@y.z"},"old_record":null})");
        QCOMPARE(r.status, 200);
        const auto e = fx->waitProcessed(r.json().value(u"id"_s).toString());
        QCOMPARE(e->status, u"processed"_s);
        QCOMPARE(e->eventType, u"auth.users:INSERT"_s);
        QCOMPARE(e->preprocessOutput.value(u"user"_s).toString(), u"u7"_s);
        QCOMPARE(fx->count(u"SELECT count(*) FROM users WHERE id = 'u7' AND email = 'x@y.z'"_s), 1);
    }

    void failingScriptIsReported()
    {
        const auto r = fx->post(u"/integrations/receive/tok_db_dev_000001"_s, R"({"boom":true})");
        QCOMPARE(r.status, 200);
        const auto e = fx->waitProcessed(r.json().value(u"id"_s).toString());
        QCOMPARE(e->status, u"unmapped"_s);
        QVERIFY2(e->preprocessError.contains(u"boom"_s), qPrintable(e->preprocessError));
        QVERIFY2(e->statusDetail.contains(u"preprocess script failed"_s), qPrintable(e->statusDetail));
    }

    void scriptScheme()
    {
        const QByteArray body = R"({"type":"ping"})";
        const QByteArray good = inlet::crypto::hmacSha256("k", body).toHex();
        auto r = fx->post(u"/integrations/receive/tok_scripted_dev_1"_s, body, {{"X-Sig", good}});
        QCOMPARE(r.status, 200);
        QCOMPARE(fx->log().event(r.json().value(u"id"_s).toString())->verificationStatus, u"verified"_s);
        r = fx->post(u"/integrations/receive/tok_scripted_dev_1"_s, body, {{"X-Sig", "00"}});
        QCOMPARE(r.status, 401);
        QVERIFY2(r.json().value(u"detail"_s).toString().contains(u"x-sig does not match"_s), r.body.constData());
    }

    // A secret script variable (issue 3): the script sees its plain value;
    // neither the event log nor `inletd config export` shows it.
    void secretVarReachesScriptNotExport()
    {
        const QByteArray body = R"({"type":"ping"})";
        const QByteArray sig = inlet::crypto::hmacSha256("v-s3cret-key", body).toHex();
        const auto r = fx->post(u"/integrations/receive/tok_vaulted_dev_1"_s, body, {{"X-Sig", sig}});
        QCOMPARE(r.status, 200);
        const QString id = r.json().value(u"id"_s).toString();
        const auto e = fx->waitProcessed(id);
        QCOMPARE(e->verificationStatus, u"verified"_s);
        QCOMPARE(e->preprocessOutput.value(u"region"_s).toString(), u"eu"_s);
        QCOMPARE(e->preprocessOutput.value(u"key_length"_s).toInt(), 12);

        const CliRunner cli(QFileInfo(fx->dbPath()).absolutePath());
        const CliResult shown = cli.run({u"show"_s, id, u"--json"_s});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.describe()));
        QVERIFY2(!shown.out.contains("v-s3cret-key"), shown.out.constData());

        const CliResult exported = cli.run({u"config"_s, u"export"_s});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
        QVERIFY2(!exported.out.contains("v-s3cret-key"), exported.out.constData());
        QJsonObject vars;
        for (const QJsonValue &s : QJsonDocument::fromJson(exported.out)[u"sources"_s].toArray()) {
            if (s[u"key"_s].toString() == u"vaulted"_s)
                vars = s[u"environments"_s][u"development"_s][u"settings"_s][u"script_vars"_s].toObject();
        }
        QCOMPARE(vars, QJsonObject({{u"region"_s, u"eu"_s}, {u"signing_key"_s, QJsonObject{{u"secret"_s, true}}}}));

        const CliResult withSecrets = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
        QVERIFY2(withSecrets.exitCode == 0, qPrintable(withSecrets.describe()));
        QVERIFY(withSecrets.out.contains("v-s3cret-key"));
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "test_preprocess.moc"
