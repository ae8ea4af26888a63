// Secrets stay secret (issue 7, SPEC 6, 10.1, 11): signing secrets, write
// keys, API keys and secret script variables are used by a real `inletd
// serve` (right and wrong, through every route), and then searched for in
// every row of every log and store table, in what the command line prints
// (events, actions, show, export without secrets, stats), in the server's
// own output and in every HTTP response. Secret-bearing headers are stored
// redacted; an export with secrets is an owner-only file; the data directory
// is created owner-only; listening beyond loopback prints a warning.
#include "support/CliRunner.h"

#include "ingest/ListenAddress.h"
#include "util/Crypto.h"
#include "util/SecretRedactor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace inlet::clitest;

namespace {

// Each secret is unique text, so finding it anywhere is a leak.
const QByteArray kSharedSecret = "SECRETshared7f3a91c0";
const QByteArray kHeaderSecret = "SECRETheader51b2d6e4";
const QByteArray kStripeSecret = "whsec_SECRETstripe9b1c44";
const QByteArray kBasicCredentials = "hooks:SECRETbasic0d2f77";
const QByteArray kWriteKey = "wk_SECRETwrite5e6f1a";
const QByteArray kApiKey = "sk_SECRETapi8d9e3b";
const QByteArray kScriptSecret = "SECRETvarc2d81e55";

QList<QByteArray> allSecrets()
{
    return {kSharedSecret, kHeaderSecret, kStripeSecret, kBasicCredentials.mid(6), kWriteKey, kApiKey, kScriptSecret};
}

QByteArray config()
{
    // A script that tries every way to leak its secret variable: returning
    // it, returning text built from it, and throwing it in an error.
    const QString script = u"function main(ctx) { if (ctx.body.fail) throw new Error('bad key ' + ctx.vars.key);"
                           " return {event_type: ctx.body.type, copy: ctx.vars.key, text: 'k=' + ctx.vars.key + ';',"
                           " auth: ctx.headers['x-my-token'] || '', region: ctx.vars.region}; }"_s;
    auto custom = [](const QString &key, const QString &token, const QJsonObject &verification) {
        return QJsonObject{
            {u"key"_s, key},
            {u"template"_s, u"custom"_s},
            {u"environments"_s,
             QJsonObject{
                 {u"development"_s,
                  QJsonObject{{u"token"_s, token},
                              {u"settings"_s,
                               QJsonObject{{u"enforce_verification"_s, true}, {u"verification"_s, verification}}},
                              {u"mappings"_s, QJsonArray{QJsonObject{{u"event_type"_s, u"t"_s},
                                                                     {u"action_type"_s, u"users_identify"_s},
                                                                     {u"action_parameters"_s,
                                                                      QJsonObject{{u"id"_s, u"body.user"_s}}}}}}}}}}};
    };
    QJsonArray sources{
        custom(u"shared"_s, u"tok_sec_shared_0001"_s,
               {{u"scheme"_s, u"shared_header"_s}, {u"secrets"_s, QJsonArray{QString::fromLatin1(kSharedSecret)}}}),
        custom(u"header"_s, u"tok_sec_header_0001"_s,
               {{u"scheme"_s, u"shared_header"_s},
                {u"header"_s, u"x-my-token"_s},
                {u"secrets"_s, QJsonArray{QString::fromLatin1(kHeaderSecret)}}}),
        custom(u"stripe"_s, u"tok_sec_stripe_0001"_s,
               {{u"scheme"_s, u"stripe"_s}, {u"secrets"_s, QJsonArray{QString::fromLatin1(kStripeSecret)}}}),
        custom(u"basic"_s, u"tok_sec_basic_00001"_s,
               {{u"scheme"_s, u"basic"_s}, {u"secrets"_s, QJsonArray{QString::fromLatin1(kBasicCredentials)}}}),
    };
    // The script source: verification by its own header, plus the script.
    QJsonObject scripted = custom(u"scripted"_s, u"tok_sec_script_0001"_s,
                                  {{u"scheme"_s, u"shared_header"_s},
                                   {u"header"_s, u"x-my-token"_s},
                                   {u"secrets"_s, QJsonArray{QString::fromLatin1(kHeaderSecret)}}});
    QJsonObject envs = scripted[u"environments"_s].toObject();
    QJsonObject dev = envs[u"development"_s].toObject();
    QJsonObject settings = dev[u"settings"_s].toObject();
    settings.insert(u"preprocess_script"_s, script);
    settings.insert(u"event_type_path"_s, u"preprocess.event_type"_s);
    settings.insert(
        u"script_vars"_s,
        QJsonObject{{u"region"_s, u"eu"_s},
                    {u"key"_s, QJsonObject{{u"value"_s, QString::fromLatin1(kScriptSecret)}, {u"secret"_s, true}}}});
    dev.insert(u"settings"_s, settings);
    envs.insert(u"development"_s, dev);
    scripted.insert(u"environments"_s, envs);
    sources.append(scripted);
    // Key-authenticated sources: a CDP write key and a reverse-ETL API key.
    sources.append(QJsonObject{
        {u"key"_s, u"cdp"_s},
        {u"template"_s, u"segment"_s},
        {u"environments"_s,
         QJsonObject{{u"development"_s,
                      QJsonObject{{u"token"_s, u"tok_sec_cdp_000001"_s},
                                  {u"settings"_s, QJsonObject{{u"write_key"_s, QString::fromLatin1(kWriteKey)},
                                                              {u"enforce_verification"_s, false}}}}}}}});
    sources.append(QJsonObject{
        {u"key"_s, u"retl"_s},
        {u"template"_s, u"hightouch"_s},
        {u"environments"_s,
         QJsonObject{{u"development"_s,
                      QJsonObject{{u"token"_s, u"tok_sec_retl_00001"_s},
                                  {u"settings"_s, QJsonObject{{u"api_key"_s, QString::fromLatin1(kApiKey)}}}}}}}});
    return QJsonDocument(QJsonObject{{u"version"_s, 1}, {u"sources"_s, sources}}).toJson();
}

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray basicAuth(const QByteArray &userPassword)
{
    return "Basic " + userPassword.toBase64();
}

QByteArray stripeSignature(const QByteArray &body, const QByteArray &secret)
{
    const QByteArray t = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    return "t=" + t + ",v1=" + inlet::crypto::hmacSha256(secret, QByteArray(t + "." + body)).toHex();
}

// Which secrets `text` contains (empty: none).
QStringList leaked(const QByteArray &text)
{
    QStringList found;
    for (const QByteArray &s : allSecrets()) {
        if (text.contains(s))
            found.append(QString::fromLatin1(s));
    }
    return found;
}

mode_t modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return st.st_mode & 07777;
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dataDir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(u"data"_s);
        const QString file = m_dir.filePath(u"inlet.json"_s);
        QVERIFY(writeFile(file, config()));
        const CliResult r = CliRunner(m_dataDir).run({u"config"_s, u"import"_s, file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(leaked(r.out + r.err).isEmpty(), qPrintable(r.describe()));
    }

    void dataDirectoryIsCreatedOwnerOnly()
    {
        // initTestCase's import created it.
        QCOMPARE(modeOf(m_dataDir), mode_t(0700));
        // A nested one too, whatever the umask allows.
        const QString nested = m_dir.filePath(u"a/b/inlet"_s);
        const CliResult r = CliRunner(nested).run({u"sources"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(modeOf(nested), mode_t(0700));
        // The database file itself (secrets, keys) is the owner's alone,
        // also when --database puts it outside a data directory.
        QCOMPARE(modeOf(m_dataDir + u"/inlet.sqlite"_s), mode_t(0600));
        const QString elsewhere = m_dir.filePath(u"elsewhere/store.sqlite"_s);
        const CliResult r2 =
            CliRunner(m_dir.filePath(u"d2"_s)).run({u"--database"_s, u"sqlite:"_s + elsewhere, u"sources"_s});
        QVERIFY2(r2.exitCode == 0, qPrintable(r2.describe()));
        QCOMPARE(modeOf(elsewhere), mode_t(0600));
        QCOMPARE(modeOf(m_dir.filePath(u"elsewhere"_s)), mode_t(0700));
    }

    void secretsNeverLeak()
    {
        CliServer server;
        QString error;
        QVERIFY2(server.start(m_dataDir, {}, &error), qPrintable(error));
        const QString base = server.baseUrl();
        QByteArray responses;
        auto send = [&](const QString &path, const QByteArray &body, const Headers &headers, int expected) {
            const CliHttpReply r = httpRequest("POST", base + path, body, headers);
            responses += r.body;
            if (r.status != expected)
                qWarning("%s -> %d (expected %d): %s", qPrintable(path), r.status, expected, r.body.constData());
            return r.status == expected;
        };
        const QByteArray event = R"({"type":"t","user":"u1"})";
        const QByteArray wrong = "SECRETwrong-but-close";

        // Webhooks, right and wrong.
        QVERIFY(
            send(u"/integrations/receive/tok_sec_shared_0001"_s, event, {{"X-Webhook-Secret", kSharedSecret}}, 200));
        QVERIFY(send(u"/integrations/receive/tok_sec_shared_0001"_s, event, {{"X-Webhook-Secret", wrong}}, 401));
        QVERIFY(send(u"/integrations/receive/tok_sec_header_0001"_s, event, {{"X-My-Token", kHeaderSecret}}, 200));
        QVERIFY(send(u"/integrations/receive/tok_sec_header_0001"_s, event, {{"X-My-Token", wrong}}, 401));
        QVERIFY(send(u"/integrations/receive/tok_sec_stripe_0001"_s, event,
                     {{"Stripe-Signature", stripeSignature(event, kStripeSecret)}}, 200));
        QVERIFY(send(u"/integrations/receive/tok_sec_stripe_0001"_s, event,
                     {{"Stripe-Signature", stripeSignature(event, wrong)}}, 401));
        QVERIFY(send(u"/integrations/receive/tok_sec_basic_00001"_s, event,
                     {{"Authorization", basicAuth(kBasicCredentials)}}, 200));
        QVERIFY(send(u"/integrations/receive/tok_sec_basic_00001"_s, event,
                     {{"Authorization", basicAuth("hooks:" + wrong)}}, 401));
        // The script returns, concatenates and throws its secret variable.
        QVERIFY(send(u"/integrations/receive/tok_sec_script_0001"_s, event, {{"X-My-Token", kHeaderSecret}}, 200));
        QVERIFY(send(u"/integrations/receive/tok_sec_script_0001"_s, R"({"type":"t","user":"u2","fail":true})",
                     {{"X-My-Token", kHeaderSecret}}, 200));
        // The Segment-compatible API: every way to give the write key,
        // including in the body of a message, of a batch and of a refused batch.
        const QByteArray track = R"({"type":"track","event":"e","userId":"u1"})";
        QVERIFY(send(u"/v1/track"_s, track, {{"Authorization", basicAuth(kWriteKey + ":")}}, 200));
        QVERIFY(send(u"/v1/track"_s, track, {{"X-Write-Key", kWriteKey}}, 200));
        QVERIFY(send(u"/v1/track"_s,
                     QByteArray("{\"event\":\"e\",\"userId\":\"u1\",\"writeKey\":\"" + kWriteKey + "\"}"), {}, 200));
        QVERIFY(send(u"/v1/batch"_s,
                     "{\"writeKey\":\"" + kWriteKey +
                         "\",\"batch\":[{\"type\":\"identify\",\"userId\":\"u3\",\"writeKey\":\"" + kWriteKey + "\"}]}",
                     {}, 200));
        QVERIFY(
            send(u"/v1/batch"_s, QByteArray("{\"writeKey\":\"" + kWriteKey + "\",\"batch\":\"not a list\"}"), {}, 400));
        QVERIFY(send(u"/v1/track"_s, track, {{"X-Write-Key", wrong}}, 401));
        // The REST subset with its API key, right and wrong.
        const CliHttpReply put = httpRequest("PUT", base + u"/v1/users/u9"_s, R"({"name":"Nine"})",
                                             {{"Authorization", "Bearer " + kApiKey}});
        responses += put.body;
        QCOMPARE(put.status, 200);
        const CliHttpReply badPut =
            httpRequest("PUT", base + u"/v1/users/u9"_s, R"({"name":"Nine"})", {{"Authorization", "Bearer " + wrong}});
        responses += badPut.body;
        QCOMPARE(badPut.status, 401);
        QVERIFY2(leaked(responses).isEmpty(), qPrintable(leaked(responses).join(u", "_s)));

        // Let processing finish, then stop the server and look at what it printed.
        CliRunner cli(m_dataDir);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !cli.run({u"events"_s, u"--status"_s, u"accepted"_s, u"--json"_s}).out.contains("\"id\"");
            },
            20000));
        const CliResult stopped = server.stop(SIGTERM, 10000);
        QCOMPARE(stopped.exitCode, 0);
        QVERIFY2(leaked(stopped.out + stopped.err).isEmpty(), qPrintable(stopped.describe()));

        // Every row of every table except the configuration itself.
        {
            const QString connection = u"security-scan"_s;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
                db.setDatabaseName(QDir(m_dataDir).filePath(u"inlet.sqlite"_s));
                QVERIFY(db.open());
                QSqlQuery tables(db);
                QVERIFY(tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table'"_s));
                int rows = 0;
                while (tables.next()) {
                    const QString table = tables.value(0).toString();
                    if (table == u"source_configs"_s)
                        continue; // where secrets belong
                    QSqlQuery q(db);
                    QVERIFY(q.exec(u"SELECT * FROM \"%1\""_s.arg(table)));
                    while (q.next()) {
                        ++rows;
                        for (int c = 0; c < q.record().count(); ++c) {
                            const QVariant v = q.value(c);
                            const QByteArray text =
                                v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
                            const QStringList found = leaked(text);
                            QVERIFY2(found.isEmpty(), qPrintable(u"%1.%2 holds %3: %4"_s.arg(
                                                          table, q.record().fieldName(c), found.join(u", "_s),
                                                          QString::fromUtf8(text.left(300)))));
                        }
                    }
                }
                QVERIFY(rows > 20);
            }
            QSqlDatabase::removeDatabase(connection);
        }

        // What the command line prints.
        QStringList ids;
        const CliResult events = cli.run({u"events"_s, u"--json"_s});
        QVERIFY2(events.exitCode == 0, qPrintable(events.describe()));
        for (const QJsonObject &e : events.jsonLines())
            ids.append(e.value(u"id"_s).toString());
        QVERIFY(ids.size() >= 15);
        QList<QStringList> commands{{u"events"_s},
                                    {u"actions"_s, u"--json"_s},
                                    {u"actions"_s},
                                    {u"sources"_s},
                                    {u"sources"_s, u"--json"_s},
                                    {u"stats"_s},
                                    {u"config"_s, u"export"_s},
                                    {u"data"_s, u"users"_s, u"--json"_s}};
        for (const QString &id : std::as_const(ids)) {
            commands.append({u"show"_s, id});
            commands.append({u"show"_s, id, u"--json"_s});
        }
        for (const QStringList &args : std::as_const(commands)) {
            const CliResult r = cli.run(args);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(u' ') + u": "_s + r.describe()));
            QVERIFY2(leaked(r.out + r.err).isEmpty(),
                     qPrintable(args.join(u' ') + u" prints "_s + leaked(r.out + r.err).join(u", "_s)));
        }

        // The script's output kept what is not secret.
        bool scriptSeen = false;
        for (const QString &id : std::as_const(ids)) {
            const QJsonObject e = cli.run({u"show"_s, id, u"--json"_s}).jsonLines().value(0);
            if (e.value(u"source"_s).toString() != u"scripted"_s)
                continue;
            const QJsonObject out = e.value(u"preprocess_output"_s).toObject();
            if (!out.isEmpty()) {
                QCOMPARE(out.value(u"region"_s).toString(), u"eu"_s);
                QCOMPARE(out.value(u"copy"_s).toString(), u"[redacted]"_s);
                QCOMPARE(out.value(u"text"_s).toString(), u"k=[redacted];"_s);
                scriptSeen = true;
            } else {
                QVERIFY(e.value(u"preprocess_error"_s).toString().contains(u"bad key [redacted]"_s));
            }
        }
        QVERIFY(scriptSeen);
    }

    void secretBearingHeadersAreRedacted()
    {
        // secretsNeverLeak stored these.
        CliRunner cli(m_dataDir);
        QMap<QString, QStringList> redactedBySource;
        const CliResult events = cli.run({u"events"_s, u"--json"_s});
        for (const QJsonObject &line : events.jsonLines()) {
            const QJsonObject e =
                cli.run({u"show"_s, line.value(u"id"_s).toString(), u"--json"_s}).jsonLines().value(0);
            const QJsonObject headers = e.value(u"headers"_s).toObject();
            for (auto it = headers.begin(); it != headers.end(); ++it) {
                if (it.value().toString() == u"[redacted]"_s)
                    redactedBySource[e.value(u"source"_s).toString()].append(it.key());
            }
        }
        QVERIFY(redactedBySource.value(u"shared"_s).contains(u"x-webhook-secret"_s));
        QVERIFY(redactedBySource.value(u"header"_s).contains(u"x-my-token"_s)); // the configured header
        QVERIFY(redactedBySource.value(u"basic"_s).contains(u"authorization"_s));
        QVERIFY(redactedBySource.value(u"cdp"_s).contains(u"authorization"_s));
        QVERIFY(redactedBySource.value(u"cdp"_s).contains(u"x-write-key"_s));
        QVERIFY(redactedBySource.value(u"retl"_s).contains(u"authorization"_s));
    }

    void exportWithSecretsIsOwnerOnly()
    {
        CliRunner cli(m_dataDir);
        const QString file = m_dir.filePath(u"with-secrets.json"_s);
        const CliResult r = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s, u"--output"_s, file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(modeOf(file), mode_t(0600));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        // Everything is there, since the owner asked for it.
        for (const QByteArray &s : {kSharedSecret, kStripeSecret, kWriteKey, kApiKey, kScriptSecret})
            QVERIFY2(text.contains(s), s.constData());
    }

    void listenAddresses()
    {
        using inlet::ListenAddress;
        // "localhost" once bound every interface (QHostAddress reads it as null).
        QCOMPARE(ListenAddress::parse(u"localhost"_s), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(ListenAddress::parse(u"[::1]"_s), QHostAddress(QHostAddress::LocalHostIPv6));
        QVERIFY(ListenAddress::isLoopbackOnly(u"127.0.0.1"_s));
        QVERIFY(!ListenAddress::isLoopbackOnly(u"0.0.0.0"_s));
        QVERIFY(!ListenAddress::isLoopbackOnly(u"::"_s));
        QString error;
        QVERIFY(!ListenAddress::parse(u"example.com"_s, &error));
        QVERIFY(error.contains(u"not an IP address"_s));
        QVERIFY(ListenAddress::exposureWarning(u"inletd"_s, u"localhost"_s).isEmpty());
        QVERIFY(ListenAddress::exposureWarning(u"inletd"_s, u"192.168.1.5"_s).contains(u"192.168.1.5"_s));
    }

    void redactorReplacesSecretsEverywhere()
    {
        inlet::SecretRedactor r;
        r.add(u"abc"_s); // too short to be a secret worth garbling the log for
        r.add(u"s3cret"_s);
        r.add(u"s3cret-longer"_s);
        r.add(QJsonValue(42));
        const QJsonObject in{{u"a"_s, u"x s3cret-longer y s3cret"_s},
                             {u"s3cret"_s, QJsonArray{u"s3cret"_s, 1, QJsonObject{{u"k"_s, u"abc"_s}}}}};
        const QJsonObject out = r.redact(in);
        QCOMPARE(out.value(u"a"_s).toString(), u"x [redacted] y [redacted]"_s);
        QVERIFY(!out.contains(u"s3cret"_s));
        QCOMPARE(out.value(u"[redacted]"_s).toArray().at(0).toString(), u"[redacted]"_s);
        QCOMPARE(out.value(u"[redacted]"_s).toArray().at(2).toObject().value(u"k"_s).toString(), u"abc"_s);
    }

    void listeningBeyondLoopbackWarns_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("warns");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << false;
        QTest::newRow("localhost") << u"localhost"_s << false;
        QTest::newRow("127.0.0.2") << u"127.0.0.2"_s << false;
        QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << true;
    }
    void listeningBeyondLoopbackWarns()
    {
        QFETCH(QString, host);
        QFETCH(bool, warns);
        CliServer server;
        server.setListenHost(host);
        QString error;
        QVERIFY2(server.start(m_dataDir, {}, &error), qPrintable(error));
        const CliResult stopped = server.stop(SIGTERM, 10000);
        QVERIFY2(stopped.finished, qPrintable(stopped.describe()));
        QCOMPARE(stopped.exitCode, 0);
        const QString err = stopped.errText();
        if (!warns) {
            QVERIFY2(!err.contains(u"warning"_s), qPrintable(err));
            return;
        }
        QVERIFY2(err.contains(u"warning"_s), qPrintable(err));
        QVERIFY2(err.contains(host), qPrintable(err));
        for (const QString &what : {u"ingest"_s, u"/v1/"_s, u"SECURITY.md"_s})
            QVERIFY2(err.contains(what), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "test_security.moc"
