// The `inletd` command line (SPEC 2), run as a user runs it: the real binary
// in a child process, a data directory of its own, and assertions on exit
// codes, what it prints and what ends up in the database.

#include "config/TemplateRegistry.h"
#include "store/Database.h"
#include "support/CliRunner.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/stat.h>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using namespace inlet::clitest;

namespace {

const QString kToken = u"tok_dev_app_0123456789"_s;
const QByteArray kSecret = "s3cret-dev";

const QByteArray kConfig = R"({
  "version": 1,
  "environments": [{"key": "development", "name": "Development"}, {"key": "production", "name": "Production"}],
  "workflows": {"development": ["welcome"]},
  "sources": [
    {"key": "app", "name": "My app", "template": "custom",
     "environments": {
       "development": {
         "token": "tok_dev_app_0123456789",
         "settings": {"verification": {"secrets": ["s3cret-dev"]}, "idempotency_key_path": "headers.x-request-id"},
         "mappings": [
           {"event_type": "user.signed_up", "action_type": "workflows_trigger",
            "action_parameters": {"key": "welcome", "recipients": "body.user.id", "data": "body"}},
           {"event_type": "user.signed_up", "action_type": "users_identify",
            "action_parameters": {"id": "body.user.id", "email": "body.user.email"}}
         ]},
       "production": {"settings": {"verification": {"secrets": ["s3cret-prod"]}}, "mappings": []}
     }}
  ]
})";

// The events the shared data directory receives, oldest first.
struct Delivery
{
    QByteArray body;
    QByteArray secret;
    int expectedStatus;
};
const QList<Delivery> kDeliveries = {
    // 1: processed, two actions
    {R"({"type":"user.signed_up","user":{"id":"u1","email":"ada@example.com"}})", kSecret, 200},
    // 2: processed, two actions
    {R"({"type":"user.signed_up","user":{"id":"u2","email":"bob@example.com"},"seats":3,"trial":true})", kSecret, 200},
    // 3: unmapped
    {R"({"type":"invoice.paid","user":{"id":"u1"}})", kSecret, 200},
    // 4: rejected, wrong secret
    {R"({"type":"user.signed_up","user":{"id":"u3"}})", "wrong-secret", 401},
    // 5: rejected, not JSON
    {"{not json", kSecret, 400},
};

QList<QPair<QByteArray, QByteArray>> headersFor(int index, const QByteArray &secret)
{
    return {{"Content-Type", "application/json"},
            {"X-Webhook-Secret", secret},
            {"X-Request-Id", "req-" + QByteArray::number(index)}};
}

// Copies a data directory whose server has stopped, so a test can change the copy.
bool cloneDataDir(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &name : {u"inlet.sqlite"_s, u"inlet.sqlite-wal"_s}) {
        const QString source = QDir(from).filePath(name);
        if (QFile::exists(source) && !QFile::copy(source, QDir(to).filePath(name)))
            return false;
    }
    return true;
}

// Reads a data directory's database the way a support engineer would with sqlite3.
class DataDirReader final
{
public:
    explicit DataDirReader(const QString &dataDir)
        : m_connection(Database::uniqueConnectionName(u"cli-test-reader"_s))
    {
        m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + QDir(dataDir).filePath(u"inlet.sqlite"_s)),
                              m_connection, &m_error);
    }
    ~DataDirReader()
    {
        m_db = QSqlDatabase();
        Database::close(m_connection);
    }
    qint64 count(const QString &table)
    {
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT count(*) FROM "_s + table) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
    QString dump(const QStringList &queries)
    {
        QString out;
        for (const QString &sql : queries) {
            QSqlQuery q(m_db);
            if (!q.exec(sql))
                return u"query failed: "_s + q.lastError().text();
            while (q.next()) {
                for (int i = 0; i < q.record().count(); ++i)
                    out += q.value(i).toString() + u'|';
                out += u'\n';
            }
        }
        return out;
    }
    QString error() const { return m_error; }

private:
    QString m_connection;
    QSqlDatabase m_db;
    QString m_error;
};

QStringList ids(const QList<QJsonObject> &lines)
{
    QStringList out;
    for (const QJsonObject &o : lines)
        out.append(o.value(u"id"_s).toString());
    return out;
}

QJsonObject byId(const QList<QJsonObject> &lines, const QString &id)
{
    for (const QJsonObject &o : lines) {
        if (o.value(u"id"_s).toString() == id)
            return o;
    }
    return {};
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void otherErrorsExitOne_data();
    void otherErrorsExitOne();

    void badConfigImportChangesNothing_data();
    void badConfigImportChangesNothing();
    void importThenSourcesListsIngestUrls();
    void templatesPrintsOneObjectPerLine();
    void exportWithSecretsWritesOwnerOnlyFile();
    void exportWithoutSecretsHasNone();
    void exportImportRoundTripsThroughFiles();

    void serveListensIngestsAndStopsOnSignal_data();
    void serveListensIngestsAndStopsOnSignal();
    void serveWithBadConfigDoesNotStart();
    void eventsShowsProcessedEvent();
    void actionsListsTheEventsActions();
    void showHasHeadersBodyAndActions();
    void showPrintsReadableDetail();
    void eventFilters_data();
    void eventFilters();
    void actionFilters_data();
    void actionFilters();
    void replayCreatesLinkedEventAndRunsActionsAgain();
    void replayOfRejectedEventFails();
    void rehearsePrintsAndChangesNothing();
    void rehearseJsonWithBareBody();
    void statsCountsEventsAndActions();

private:
    QString writeTemp(const QString &name, const QByteArray &data);
    QString eventId(int delivery) const { return m_eventIds.value(delivery - 1); }

    QTemporaryDir m_tmp;
    QString m_configFile;
    QString m_dataDir; // served once by initTestCase, then only read
    QStringList m_eventIds;
};

QString TestCli::writeTemp(const QString &name, const QByteArray &data)
{
    const QString path = m_tmp.filePath(name);
    if (!writeFile(path, data))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(CliRunner::program()).isExecutable(), qPrintable(CliRunner::program()));
    QVERIFY(m_tmp.isValid());
    m_configFile = writeTemp(u"inlet-config.json"_s, kConfig);
    m_dataDir = m_tmp.filePath(u"shared-data"_s);

    const CliRunner cli(m_dataDir);
    const CliResult imported = cli.run({u"config"_s, u"import"_s, m_configFile});
    QVERIFY2(imported.finished && imported.exitCode == 0, qPrintable(imported.describe()));

    CliServer server;
    QString error;
    QVERIFY2(server.start(m_dataDir, {}, &error), qPrintable(error));
    for (qsizetype i = 0; i < kDeliveries.size(); ++i) {
        const Delivery &d = kDeliveries.at(i);
        const CliHttpReply reply = httpRequest("POST", server.baseUrl() + u"/integrations/receive/"_s + kToken, d.body,
                                               headersFor(int(i + 1), d.secret));
        QVERIFY2(reply.status == d.expectedStatus, qPrintable(u"delivery %1: %2 %3 %4"_s.arg(i + 1)
                                                                  .arg(reply.status)
                                                                  .arg(QString::fromUtf8(reply.body), reply.error)));
        if (reply.status == 200) {
            QCOMPARE(reply.json().value(u"status"_s).toString(), u"accepted"_s);
            m_eventIds.append(reply.json().value(u"id"_s).toString());
        } else {
            m_eventIds.append(QString()); // filled from the log below
        }
    }
    const CliResult stopped = server.stop(SIGTERM, 15000);
    QVERIFY2(stopped.finished && stopped.exitCode == 0, qPrintable(stopped.describe()));

    // Rejected events have no id in their answer: take them from the log, oldest first.
    const CliResult events = cli.run({u"events"_s, u"--json"_s});
    QVERIFY2(events.exitCode == 0, qPrintable(events.describe()));
    QStringList logged = ids(events.jsonLines());
    std::reverse(logged.begin(), logged.end());
    QCOMPARE(logged.size(), kDeliveries.size());
    for (qsizetype i = 0; i < logged.size(); ++i) {
        if (!m_eventIds.at(i).isEmpty())
            QCOMPARE(logged.at(i), m_eventIds.at(i));
    }
    m_eventIds = logged;
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no command") << QStringList() << u"no command given"_s;
    QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command 'frobnicate'"_s;
    QTest::newRow("unknown option") << QStringList{u"events"_s, u"--frobnicate"_s} << u"Unknown option 'frobnicate'"_s;
    QTest::newRow("option without its value")
        << QStringList{u"events"_s, u"--limit"_s} << u"Missing value after '--limit'"_s;
    QTest::newRow("show without an id") << QStringList{u"show"_s} << u"usage: inletd show EVENT_ID"_s;
    QTest::newRow("show with two ids") << QStringList{u"show"_s, u"evt_1"_s, u"evt_2"_s}
                                       << u"usage: inletd show EVENT_ID"_s;
    QTest::newRow("replay without an id") << QStringList{u"replay"_s} << u"usage: inletd replay EVENT_ID"_s;
    QTest::newRow("rehearse without --source")
        << QStringList{u"rehearse"_s, u"--env"_s, u"development"_s, u"payload.json"_s}
        << u"usage: inletd rehearse --source KEY --env ENV FILE"_s;
    QTest::newRow("rehearse without a file")
        << QStringList{u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s}
        << u"usage: inletd rehearse --source KEY --env ENV FILE"_s;
    QTest::newRow("config without a subcommand") << QStringList{u"config"_s} << u"config needs a subcommand"_s;
    QTest::newRow("config import without a file")
        << QStringList{u"config"_s, u"import"_s} << u"usage: inletd config import FILE"_s;
    QTest::newRow("unknown config subcommand")
        << QStringList{u"config"_s, u"load"_s} << u"unknown config subcommand 'load'"_s;
    QTest::newRow("limit of zero") << QStringList{u"events"_s, u"--limit"_s, u"0"_s}
                                   << u"--limit expects a positive number"_s;
    QTest::newRow("limit not a number") << QStringList{u"actions"_s, u"--limit"_s, u"ten"_s}
                                        << u"--limit expects a positive number"_s;
    QTest::newRow("since not a time") << QStringList{u"events"_s, u"--since"_s, u"yesterday"_s}
                                      << u"--since expects an ISO-8601 time"_s;
    QTest::newRow("where without a value")
        << QStringList{u"events"_s, u"--where"_s, u"body.user.id"_s} << u"expected PATH=VALUE"_s;
    QTest::newRow("where with a bad path")
        << QStringList{u"events"_s, u"--where"_s, u"body.user[x=1"_s} << u"body.user[x"_s;
    QTest::newRow("where outside body and headers")
        << QStringList{u"events"_s, u"--where"_s, u"user.id=u1"_s} << u"path must start with body. or headers."_s;
    QTest::newRow("retention not a number")
        << QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--retention-days"_s, u"a month"_s}
        << u"--retention-days expects a number of days"_s;
    QTest::newRow("body limit of zero") << QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s,
                                                       u"--max-body-bytes"_s, u"0"_s}
                                        << u"--max-body-bytes expects a positive number of bytes"_s;
    QTest::newRow("listen without a port")
        << QStringList{u"serve"_s, u"--listen"_s, u"localhost"_s} << u"--listen expects HOST:PORT"_s;
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const CliResult r = CliRunner(scratch.path()).run(args);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.errText().startsWith(u"inletd: "_s), qPrintable(r.describe()));
    QVERIFY2(r.errText().contains(expected), qPrintable(r.describe()));
    QVERIFY2(r.errText().contains(u"inletd --help"_s), qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
}

void TestCli::otherErrorsExitOne_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");

    QTest::newRow("show an unknown event") << QStringList{u"show"_s, u"evt_nope"_s} << u"no event with id 'evt_nope'"_s;
    QTest::newRow("replay an unknown event")
        << QStringList{u"replay"_s, u"evt_nope"_s} << u"no event with id 'evt_nope'"_s;
    QTest::newRow("export an unknown environment")
        << QStringList{u"config"_s, u"export"_s, u"--env"_s, u"qa"_s} << u"unknown environment 'qa'"_s;
    QTest::newRow("import a missing file") << QStringList{u"config"_s, u"import"_s, u"/nonexistent/inlet.json"_s}
                                           << u"cannot read /nonexistent/inlet.json"_s;
    QTest::newRow("rehearse a missing file")
        << QStringList{u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, u"/nonexistent/p.json"_s}
        << u"cannot read /nonexistent/p.json"_s;
    QTest::newRow("rehearse an unconfigured source")
        << QStringList{u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, u"@payload"_s}
        << u"source 'app' has no configuration in environment 'development'"_s;
}

void TestCli::otherErrorsExitOne()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString payload = scratch.filePath(u"payload.json"_s);
    QVERIFY(writeFile(payload, R"({"type": "user.signed_up"})"));
    args.replaceInStrings(u"@payload"_s, payload);

    const CliResult r = CliRunner(scratch.filePath(u"data"_s)).run(args);
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.errText().startsWith(u"inletd: "_s), qPrintable(r.describe()));
    QVERIFY2(r.errText().contains(expected), qPrintable(r.describe()));
    QCOMPARE(r.errText().trimmed().count(u'\n'), 0); // one line
}

void TestCli::badConfigImportChangesNothing_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("second source invalid")
        << QByteArray(R"({"version": 1, "workflows": {"development": ["other"]}, "sources": [
               {"key": "app", "template": "custom", "environments": {"development": {
                  "settings": {"verification": {"secrets": ["changed"]}}, "mappings": []}}},
               {"key": "crm", "template": "custom", "environments": {"development": {
                  "settings": {"idempotency_window_s": "one day"}}}}]})")
        << QStringList{u"$.sources[1].environments.development.settings.idempotency_window_s: expected a "
                       "non-negative whole number of seconds, got a string"_s};
    QTest::newRow("invalid JSON") << QByteArray(R"({"version": 1, "sources": [)")
                                  << QStringList{u"$: invalid JSON"_s, u"at offset"_s};
    QTest::newRow("two problems") << QByteArray(R"({"version": 2, "sources": [{"key": "app", "template": "stripee"}]})")
                                  << QStringList{u"$.version: unsupported version 2"_s,
                                                 u"$.sources[0].template: unknown template 'stripee'"_s};
}

void TestCli::badConfigImportChangesNothing()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRunner cli(dir.filePath(u"data"_s));
    const CliResult good = cli.run({u"config"_s, u"import"_s, m_configFile});
    QVERIFY2(good.exitCode == 0, qPrintable(good.describe()));
    const auto snapshot = [&] {
        DataDirReader reader(cli.dataDir());
        return reader.dump({u"SELECT * FROM environments ORDER BY key"_s,
                            u"SELECT * FROM workflows ORDER BY env, key"_s, u"SELECT * FROM sources ORDER BY key"_s,
                            u"SELECT * FROM source_configs ORDER BY source, env"_s,
                            u"SELECT * FROM meta ORDER BY key"_s});
    };
    const QString before = snapshot();
    const CliResult exportBefore = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
    QVERIFY2(exportBefore.exitCode == 0, qPrintable(exportBefore.describe()));

    const QString badFile = dir.filePath(u"bad-config.json"_s);
    QVERIFY(writeFile(badFile, file));
    const CliResult bad = cli.run({u"config"_s, u"import"_s, badFile});
    QVERIFY2(bad.finished && bad.exitCode == 1, qPrintable(bad.describe()));
    QVERIFY2(bad.errText().contains(u"nothing was changed"_s), qPrintable(bad.describe()));
    for (const QString &e : expected)
        QVERIFY2(bad.errText().contains(badFile + u": "_s) && bad.errText().contains(e), qPrintable(bad.describe()));
    QVERIFY2(bad.out.isEmpty(), qPrintable(bad.describe()));

    QCOMPARE(snapshot(), before);
    const CliResult exportAfter = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
    QCOMPARE(exportAfter.out, exportBefore.out);
}

void TestCli::importThenSourcesListsIngestUrls()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRunner cli(dir.filePath(u"data"_s));
    const CliResult imported = cli.run({u"config"_s, u"import"_s, m_configFile});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    QCOMPARE(imported.outText().trimmed(), u"imported %1: 1 sources, 2 source configurations"_s.arg(m_configFile));

    const CliResult sources = cli.run({u"sources"_s, u"--json"_s});
    QVERIFY2(sources.exitCode == 0, qPrintable(sources.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = sources.jsonLines(&ok);
    QVERIFY2(ok && lines.size() == 2, qPrintable(sources.describe()));
    const QJsonObject dev = lines.at(0);
    QCOMPARE(dev.value(u"source"_s).toString(), u"app"_s);
    QCOMPARE(dev.value(u"name"_s).toString(), u"My app"_s);
    QCOMPARE(dev.value(u"environment"_s).toString(), u"development"_s);
    QCOMPARE(dev.value(u"template"_s).toString(), u"custom"_s);
    QCOMPARE(dev.value(u"verification"_s).toString(), u"shared_header"_s);
    QCOMPARE(dev.value(u"mappings"_s).toInt(), 2);
    QCOMPARE(dev.value(u"ingest_url"_s).toString(), u"http://127.0.0.1:8470/integrations/receive/"_s + kToken);
    QVERIFY2(!sources.out.contains(kSecret), sources.out.constData());

    // production had no token: one was generated, and its URL carries it.
    const QJsonObject prod = lines.at(1);
    QCOMPARE(prod.value(u"environment"_s).toString(), u"production"_s);
    const QString token = prod.value(u"token"_s).toString();
    QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]{20,}$"_s).match(token).hasMatch(), qPrintable(token));
    QCOMPARE(prod.value(u"ingest_url"_s).toString(), u"http://127.0.0.1:8470/integrations/receive/"_s + token);

    // --env narrows it, --listen changes the URLs' address.
    const CliResult onlyProd =
        cli.run({u"sources"_s, u"--json"_s, u"--env"_s, u"production"_s, u"--listen"_s, u"127.0.0.1:9999"_s});
    QVERIFY2(onlyProd.exitCode == 0, qPrintable(onlyProd.describe()));
    QCOMPARE(onlyProd.jsonLines().size(), 1);
    QCOMPARE(onlyProd.jsonLines().first().value(u"ingest_url"_s).toString(),
             u"http://127.0.0.1:9999/integrations/receive/"_s + token);

    // The table shows the same.
    const CliResult table = cli.run({u"sources"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.outText().startsWith(u"SOURCE"_s), qPrintable(table.describe()));
    QVERIFY2(table.outText().contains(u"INGEST URL"_s), qPrintable(table.describe()));
    QVERIFY2(table.outText().contains(u"http://127.0.0.1:8470/integrations/receive/"_s + kToken),
             qPrintable(table.describe()));

    // A second import of the same file keeps the generated token.
    QCOMPARE(cli.run({u"config"_s, u"import"_s, m_configFile, u"--json"_s}).exitCode, 0);
    QCOMPARE(cli.run({u"sources"_s, u"--json"_s, u"--env"_s, u"production"_s}).jsonLines().value(0).value(u"token"_s),
             QJsonValue(token));
}

void TestCli::templatesPrintsOneObjectPerLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliResult r = CliRunner(dir.path()).run({u"templates"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = r.jsonLines(&ok);
    QVERIFY2(ok, qPrintable(r.describe()));

    QStringList keys;
    for (const QJsonObject &t : lines) {
        keys.append(t.value(u"key"_s).toString());
        QVERIFY2(!t.value(u"name"_s).toString().isEmpty(), qPrintable(keys.last()));
        QVERIFY2(t.value(u"settings"_s).isObject(), qPrintable(keys.last()));
        QVERIFY2(t.value(u"default_mappings"_s).isArray(), qPrintable(keys.last()));
    }
    QStringList registered;
    for (const Template &t : TemplateRegistry::instance().all())
        registered.append(t.key);
    QCOMPARE(keys, registered);
    QVERIFY(keys.contains(u"custom"_s));
    QCOMPARE(keys.last(), u"custom"_s); // the gallery ends with it

    const QJsonObject custom = lines.last();
    QCOMPARE(custom.value(u"settings"_s)[u"verification"_s][u"scheme"_s].toString(), u"shared_header"_s);
    QCOMPARE(custom.value(u"settings"_s)[u"verification"_s][u"header"_s].toString(), u"x-webhook-secret"_s);
    QCOMPARE(custom.value(u"settings"_s)[u"event_type_path"_s].toString(), u"body.type"_s);

    const CliResult table = CliRunner(dir.path()).run({u"templates"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.outText().contains(u"custom"_s) && table.outText().contains(u"shared_header"_s),
             qPrintable(table.describe()));
}

void TestCli::exportWithSecretsWritesOwnerOnlyFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRunner cli(dir.filePath(u"data"_s));
    QCOMPARE(cli.run({u"config"_s, u"import"_s, m_configFile}).exitCode, 0);

    const QString fresh = dir.filePath(u"export.json"_s);
    const QString existing = dir.filePath(u"existing.json"_s);
    QVERIFY(writeFile(existing, "old"));
    QVERIFY(
        QFile::setPermissions(existing, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
    for (const QString &file : {fresh, existing}) {
        const CliResult r = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s, u"--output"_s, file});
        QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains(kSecret) && text.contains("s3cret-prod"), text.constData());
        QCOMPARE(QJsonDocument::fromJson(text).object().value(u"version"_s).toInt(), 1);
    }
}

void TestCli::exportWithoutSecretsHasNone()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRunner cli(dir.filePath(u"data"_s));
    QCOMPARE(cli.run({u"config"_s, u"import"_s, m_configFile}).exitCode, 0);

    const CliResult toStdout = cli.run({u"config"_s, u"export"_s});
    QVERIFY2(toStdout.exitCode == 0, qPrintable(toStdout.describe()));
    QVERIFY2(!toStdout.out.contains("s3cret"), toStdout.out.constData());
    QVERIFY2(!toStdout.out.contains("\"secrets\""), toStdout.out.constData());
    const QJsonObject root = QJsonDocument::fromJson(toStdout.out).object();
    QCOMPARE(root.value(u"sources"_s)[0][u"environments"_s][u"development"_s][u"token"_s].toString(), kToken);

    const QString file = dir.filePath(u"export.json"_s);
    const CliResult toFile = cli.run({u"config"_s, u"export"_s, u"--output"_s, file});
    QVERIFY2(toFile.exitCode == 0, qPrintable(toFile.describe()));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), toStdout.out);

    // With the flag, stdout carries them.
    const CliResult withSecrets = cli.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
    QVERIFY2(withSecrets.out.contains(kSecret), withSecrets.out.constData());

    // --env: one environment only.
    const CliResult prod = cli.run({u"config"_s, u"export"_s, u"--env"_s, u"production"_s});
    QVERIFY2(prod.exitCode == 0, qPrintable(prod.describe()));
    const QJsonObject prodRoot = QJsonDocument::fromJson(prod.out).object();
    QCOMPARE(prodRoot.value(u"environments"_s).toArray().size(), 1);
    QCOMPARE(prodRoot.value(u"sources"_s)[0][u"environments"_s].toObject().keys(), QStringList{u"production"_s});
}

void TestCli::exportImportRoundTripsThroughFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CliRunner first(dir.filePath(u"first"_s));
    QCOMPARE(first.run({u"config"_s, u"import"_s, m_configFile}).exitCode, 0);
    const QString file = dir.filePath(u"export.json"_s);
    QCOMPARE(first.run({u"config"_s, u"export"_s, u"--include-secrets"_s, u"--output"_s, file}).exitCode, 0);

    const CliRunner second(dir.filePath(u"second"_s));
    const CliResult imported = second.run({u"config"_s, u"import"_s, file});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    const CliResult a = first.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
    const CliResult b = second.run({u"config"_s, u"export"_s, u"--include-secrets"_s});
    QVERIFY(!a.out.isEmpty());
    QCOMPARE(b.out, a.out);

    // An export without secrets imported over the first keeps its secrets.
    const QString plain = dir.filePath(u"plain.json"_s);
    QCOMPARE(first.run({u"config"_s, u"export"_s, u"--output"_s, plain}).exitCode, 0);
    QCOMPARE(first.run({u"config"_s, u"import"_s, plain}).exitCode, 0);
    QCOMPARE(first.run({u"config"_s, u"export"_s, u"--include-secrets"_s}).out, a.out);
}

void TestCli::serveListensIngestsAndStopsOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestCli::serveListensIngestsAndStopsOnSignal()
{
    QFETCH(int, signal);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    CliServer server;
    QString error;
    QVERIFY2(server.start(dataDir, {u"--config"_s, m_configFile}, &error), qPrintable(error));
    QVERIFY2(server.listeningLine().startsWith(u"listening on http://127.0.0.1:"_s),
             qPrintable(server.listeningLine()));

    const CliHttpReply health = httpRequest("GET", server.baseUrl() + u"/healthz"_s);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json(), QJsonObject({{u"status"_s, u"ok"_s}}));

    const CliHttpReply unknown =
        httpRequest("POST", server.baseUrl() + u"/integrations/receive/tok_unknown_000000"_s, "{}");
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.json().value(u"error"_s).toString(), u"unknown_source"_s);

    const CliHttpReply accepted = httpRequest("POST", server.baseUrl() + u"/integrations/receive/"_s + kToken,
                                              kDeliveries.first().body, headersFor(1, kSecret));
    QVERIFY2(accepted.status == 200, qPrintable(QString::fromUtf8(accepted.body) + accepted.error));
    const QString id = accepted.json().value(u"id"_s).toString();
    QVERIFY2(id.startsWith(u"evt_"_s), qPrintable(id));
    QCOMPARE(accepted.json().value(u"status"_s).toString(), u"accepted"_s);

    QElapsedTimer timer;
    timer.start();
    const CliResult stopped = server.stop(signal, 10000);
    QVERIFY2(stopped.finished, qPrintable(stopped.describe()));
    QCOMPARE(stopped.exitCode, 0);
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(stopped.outText().trimmed(), server.listeningLine()); // nothing else on stdout

    // What it accepted was finished before it exited.
    const CliResult events = CliRunner(dataDir).run({u"events"_s, u"--json"_s});
    QVERIFY2(events.exitCode == 0, qPrintable(events.describe()));
    const QList<QJsonObject> lines = events.jsonLines();
    QCOMPARE(ids(lines), QStringList{id});
    QCOMPARE(lines.first().value(u"status"_s).toString(), u"processed"_s);
}

void TestCli::serveWithBadConfigDoesNotStart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bad = dir.filePath(u"bad.json"_s);
    QVERIFY(writeFile(bad, R"({"version": 1, "sources": [{"key": "app", "template": "stripee"}]})"));
    const CliResult r = CliRunner(dir.filePath(u"data"_s))
                            .run({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--config"_s, bad}, 30000);
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.errText().contains(bad + u": $.sources[0].template: unknown template 'stripee'"_s),
             qPrintable(r.describe()));
    QVERIFY2(!r.outText().contains(u"listening on"_s), qPrintable(r.describe()));
}

void TestCli::eventsShowsProcessedEvent()
{
    const CliResult r = CliRunner(m_dataDir).run({u"events"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = r.jsonLines(&ok);
    QVERIFY2(ok, qPrintable(r.describe()));
    // Newest first.
    QCOMPARE(ids(lines), (QStringList{eventId(5), eventId(4), eventId(3), eventId(2), eventId(1)}));
    QVERIFY2(!r.out.contains(kSecret), r.out.constData());

    const QJsonObject first = byId(lines, eventId(1));
    QCOMPARE(first.value(u"status"_s).toString(), u"processed"_s);
    QCOMPARE(first.value(u"event_type"_s).toString(), u"user.signed_up"_s);
    QCOMPARE(first.value(u"source"_s).toString(), u"app"_s);
    QCOMPARE(first.value(u"environment"_s).toString(), u"development"_s);
    QCOMPARE(first.value(u"origin"_s).toString(), u"http"_s);
    QCOMPARE(first.value(u"verification_status"_s).toString(), u"verified"_s);
    QCOMPARE(first.value(u"idempotency_key"_s).toString(), u"req-1"_s);
    QVERIFY(first.value(u"replay_of"_s).isNull());

    QCOMPARE(byId(lines, eventId(3)).value(u"status"_s).toString(), u"unmapped"_s);
    const QJsonObject wrongSecret = byId(lines, eventId(4));
    QCOMPARE(wrongSecret.value(u"status"_s).toString(), u"rejected"_s);
    QCOMPARE(wrongSecret.value(u"verification_status"_s).toString(), u"failed"_s);
    QVERIFY2(wrongSecret.value(u"status_detail"_s).toString().contains(u"verification failed"_s),
             qPrintable(wrongSecret.value(u"status_detail"_s).toString()));
    QVERIFY2(!wrongSecret.value(u"status_detail"_s).toString().contains(u"wrong-secret"_s),
             "the reason must not echo the secret sent");
    const QJsonObject notJson = byId(lines, eventId(5));
    QCOMPARE(notJson.value(u"status"_s).toString(), u"rejected"_s);
    QVERIFY2(notJson.value(u"status_detail"_s).toString().contains(u"invalid JSON"_s),
             qPrintable(notJson.value(u"status_detail"_s).toString()));

    const CliResult table = CliRunner(m_dataDir).run({u"events"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.outText().startsWith(u"RECEIVED (UTC)"_s), qPrintable(table.describe()));
    for (int i = 1; i <= 5; ++i)
        QVERIFY2(table.outText().contains(eventId(i)), qPrintable(table.describe()));
}

void TestCli::actionsListsTheEventsActions()
{
    const CliResult r = CliRunner(m_dataDir).run({u"actions"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = r.jsonLines(&ok);
    QVERIFY2(ok && lines.size() == 4, qPrintable(r.describe()));

    // Oldest last: the first event's identify ran before its trigger (SPEC 9.1).
    const QJsonObject identify = lines.at(3);
    const QJsonObject trigger = lines.at(2);
    QCOMPARE(identify.value(u"event_id"_s).toString(), eventId(1));
    QCOMPARE(identify.value(u"action_type"_s).toString(), u"users_identify"_s);
    QCOMPARE(identify.value(u"status"_s).toString(), u"success"_s);
    QCOMPARE(identify.value(u"action_payload"_s).toObject(),
             QJsonObject({{u"id"_s, u"u1"_s}, {u"email"_s, u"ada@example.com"_s}}));
    QCOMPARE(identify.value(u"action_parameters"_s)[u"id"_s].toString(), u"body.user.id"_s);
    QCOMPARE(trigger.value(u"event_id"_s).toString(), eventId(1));
    QCOMPARE(trigger.value(u"action_type"_s).toString(), u"workflows_trigger"_s);
    QCOMPARE(trigger.value(u"status"_s).toString(), u"success"_s);
    QVERIFY2(!trigger.value(u"action_result"_s)[u"workflow_run_id"_s].toString().isEmpty(),
             qPrintable(QString::fromUtf8(QJsonDocument(trigger).toJson())));
    QVERIFY(trigger.value(u"error"_s).isNull());
    QCOMPARE(lines.at(1).value(u"event_id"_s).toString(), eventId(2));
    QCOMPARE(lines.at(0).value(u"event_id"_s).toString(), eventId(2));
}

void TestCli::showHasHeadersBodyAndActions()
{
    const CliResult r = CliRunner(m_dataDir).run({u"show"_s, eventId(1), u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QList<QJsonObject> lines = r.jsonLines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject e = lines.first();
    QCOMPARE(e.value(u"id"_s).toString(), eventId(1));
    QCOMPARE(e.value(u"status"_s).toString(), u"processed"_s);

    const QJsonObject headers = e.value(u"headers"_s).toObject();
    QCOMPARE(headers.value(u"x-webhook-secret"_s).toString(), u"[redacted]"_s);
    QCOMPARE(headers.value(u"x-request-id"_s).toString(), u"req-1"_s);
    QCOMPARE(headers.value(u"content-type"_s).toString(), u"application/json"_s);
    QVERIFY2(!r.out.contains(kSecret), r.out.constData());

    QCOMPARE(e.value(u"body"_s).toObject(), QJsonDocument::fromJson(kDeliveries.first().body).object());
    QCOMPARE(e.value(u"raw_body"_s).toString(), QString::fromUtf8(kDeliveries.first().body));

    const QJsonArray actions = e.value(u"actions"_s).toArray();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(0)[u"action_type"_s].toString(), u"users_identify"_s);
    QCOMPARE(actions.at(1)[u"action_type"_s].toString(), u"workflows_trigger"_s);
    for (const QJsonValue &a : actions) {
        QCOMPARE(a[u"event_id"_s].toString(), eventId(1));
        QCOMPARE(a[u"status"_s].toString(), u"success"_s);
    }
}

void TestCli::showPrintsReadableDetail()
{
    const CliResult r = CliRunner(m_dataDir).run({u"show"_s, eventId(1)});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QString text = r.outText();
    for (const QString &expected :
         {QString(u"Event "_s + eventId(1)), u"processed"_s, u"x-webhook-secret: [redacted]"_s, u"ada@example.com"_s,
          u"Actions (2)"_s, u"users_identify  success"_s, u"workflows_trigger  success"_s, u"workflow_run_id"_s})
        QVERIFY2(text.contains(expected), qPrintable(u"'%1' missing from:\n%2"_s.arg(expected, text)));
    QVERIFY(!r.out.contains(kSecret));

    const CliResult rejected = CliRunner(m_dataDir).run({u"show"_s, eventId(4)});
    QVERIFY2(rejected.exitCode == 0, qPrintable(rejected.describe()));
    QVERIFY2(rejected.outText().contains(u"rejected"_s) && rejected.outText().contains(u"Actions (0)"_s),
             qPrintable(rejected.describe()));
}

void TestCli::eventFilters_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::addColumn<QList<int>>("expected"); // deliveries, newest first

    QTest::newRow("status rejected") << QStringList{u"--status"_s, u"rejected"_s} << QList<int>{5, 4};
    QTest::newRow("status processed") << QStringList{u"--status"_s, u"processed"_s} << QList<int>{2, 1};
    QTest::newRow("status unmapped") << QStringList{u"--status"_s, u"unmapped"_s} << QList<int>{3};
    // A refused delivery keeps the type its body claimed (resolved on receipt).
    QTest::newRow("type") << QStringList{u"--type"_s, u"user.signed_up"_s} << QList<int>{4, 2, 1};
    QTest::newRow("type and status") << QStringList{u"--type"_s, u"user.signed_up"_s, u"--status"_s, u"processed"_s}
                                     << QList<int>{2, 1};
    QTest::newRow("other type") << QStringList{u"--type"_s, u"invoice.paid"_s} << QList<int>{3};
    QTest::newRow("where body string") << QStringList{u"--where"_s, u"body.user.id=u1"_s} << QList<int>{3, 1};
    QTest::newRow("where on a rejected event") << QStringList{u"--where"_s, u"body.user.id=u3"_s} << QList<int>{4};
    QTest::newRow("where quoted string") << QStringList{u"--where"_s, u"body.user.id=\"u2\""_s} << QList<int>{2};
    QTest::newRow("where number") << QStringList{u"--where"_s, u"body.seats=3"_s} << QList<int>{2};
    QTest::newRow("where boolean") << QStringList{u"--where"_s, u"body.trial=true"_s} << QList<int>{2};
    QTest::newRow("where header") << QStringList{u"--where"_s, u"headers.x-request-id=req-2"_s} << QList<int>{2};
    QTest::newRow("where no match") << QStringList{u"--where"_s, u"body.user.id=u404"_s} << QList<int>{};
    QTest::newRow("search") << QStringList{u"--search"_s, u"bob@example.com"_s} << QList<int>{2};
    QTest::newRow("search the raw body") << QStringList{u"--search"_s, u"not json"_s} << QList<int>{5};
    QTest::newRow("search no match") << QStringList{u"--search"_s, u"carol@"_s} << QList<int>{};
    QTest::newRow("limit 1") << QStringList{u"--limit"_s, u"1"_s} << QList<int>{5};
    QTest::newRow("limit with status") << QStringList{u"--status"_s, u"processed"_s, u"--limit"_s, u"1"_s}
                                       << QList<int>{2};
    QTest::newRow("where and status") << QStringList{u"--where"_s, u"body.user.id=u1"_s, u"--status"_s, u"processed"_s}
                                      << QList<int>{1};
    QTest::newRow("source") << QStringList{u"--source"_s, u"app"_s} << QList<int>{5, 4, 3, 2, 1};
    QTest::newRow("other source") << QStringList{u"--source"_s, u"crm"_s} << QList<int>{};
    QTest::newRow("environment") << QStringList{u"--env"_s, u"development"_s, u"--type"_s, u"invoice.paid"_s}
                                 << QList<int>{3};
    QTest::newRow("other environment") << QStringList{u"--env"_s, u"production"_s} << QList<int>{};
    QTest::newRow("since the last hour") << QStringList{u"--since"_s, u"1h"_s} << QList<int>{5, 4, 3, 2, 1};
    QTest::newRow("since the future") << QStringList{u"--since"_s, u"2999-01-01T00:00:00Z"_s} << QList<int>{};
    QTest::newRow("until the past") << QStringList{u"--until"_s, u"2000-01-01T00:00:00Z"_s} << QList<int>{};
    QTest::newRow("until the future") << QStringList{u"--until"_s, u"2999-01-01T00:00:00Z"_s, u"--limit"_s, u"2"_s}
                                      << QList<int>{5, 4};
}

void TestCli::eventFilters()
{
    QFETCH(QStringList, filter);
    QFETCH(QList<int>, expected);

    const CliResult r = CliRunner(m_dataDir).run(QStringList{u"events"_s, u"--json"_s} + filter);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = r.jsonLines(&ok);
    QVERIFY2(ok, qPrintable(r.describe()));
    QStringList expectedIds;
    for (int delivery : expected)
        expectedIds.append(eventId(delivery));
    QCOMPARE(ids(lines), expectedIds);
}

void TestCli::actionFilters_data()
{
    QTest::addColumn<QStringList>("filter");
    QTest::addColumn<QStringList>("expected"); // "delivery:action_type", newest first

    const QStringList all{u"2:workflows_trigger"_s, u"2:users_identify"_s, u"1:workflows_trigger"_s,
                          u"1:users_identify"_s};
    QTest::newRow("event") << QStringList{u"--event"_s, u"@1"_s}
                           << QStringList{u"1:workflows_trigger"_s, u"1:users_identify"_s};
    QTest::newRow("event without actions") << QStringList{u"--event"_s, u"@3"_s} << QStringList{};
    QTest::newRow("action type") << QStringList{u"--action-type"_s, u"workflows_trigger"_s}
                                 << QStringList{u"2:workflows_trigger"_s, u"1:workflows_trigger"_s};
    QTest::newRow("status success") << QStringList{u"--status"_s, u"success"_s} << all;
    QTest::newRow("status error") << QStringList{u"--status"_s, u"error"_s} << QStringList{};
    QTest::newRow("search the payload") << QStringList{u"--search"_s, u"bob@example.com"_s}
                                        << QStringList{u"2:workflows_trigger"_s, u"2:users_identify"_s};
    QTest::newRow("limit 1") << QStringList{u"--limit"_s, u"1"_s} << QStringList{u"2:workflows_trigger"_s};
    QTest::newRow("source") << QStringList{u"--source"_s, u"app"_s} << all;
    QTest::newRow("type") << QStringList{u"--type"_s, u"invoice.paid"_s} << QStringList{};
    QTest::newRow("where on the event") << QStringList{u"--where"_s, u"body.user.id=u1"_s}
                                        << QStringList{u"1:workflows_trigger"_s, u"1:users_identify"_s};
}

void TestCli::actionFilters()
{
    QFETCH(QStringList, filter);
    QFETCH(QStringList, expected);

    for (QString &arg : filter) {
        if (arg.startsWith(u'@'))
            arg = eventId(arg.mid(1).toInt());
    }
    const CliResult r = CliRunner(m_dataDir).run(QStringList{u"actions"_s, u"--json"_s} + filter);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    bool ok = false;
    const QList<QJsonObject> lines = r.jsonLines(&ok);
    QVERIFY2(ok, qPrintable(r.describe()));
    QStringList got;
    for (const QJsonObject &a : lines) {
        const int delivery = int(m_eventIds.indexOf(a.value(u"event_id"_s).toString())) + 1;
        got.append(u"%1:%2"_s.arg(delivery).arg(a.value(u"action_type"_s).toString()));
    }
    QCOMPARE(got, expected);
}

void TestCli::replayCreatesLinkedEventAndRunsActionsAgain()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    QVERIFY(cloneDataDir(m_dataDir, dataDir));
    const CliRunner cli(dataDir);
    qint64 runsBefore = 0;
    {
        DataDirReader reader(dataDir);
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        runsBefore = reader.count(u"workflow_runs"_s);
        QCOMPARE(runsBefore, 2);
    }

    const CliResult r = cli.run({u"replay"_s, eventId(1), u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QList<QJsonObject> lines = r.jsonLines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject replayed = lines.first();
    const QString newId = replayed.value(u"id"_s).toString();
    QVERIFY(newId.startsWith(u"evt_"_s) && newId != eventId(1));
    QCOMPARE(replayed.value(u"origin"_s).toString(), u"replay"_s);
    QCOMPARE(replayed.value(u"replay_of"_s).toString(), eventId(1));
    QCOMPARE(replayed.value(u"status"_s).toString(), u"processed"_s);
    QCOMPARE(replayed.value(u"actions"_s).toArray().size(), 2);

    // The log has the new event, newest first, linked to the original.
    const QList<QJsonObject> events = cli.run({u"events"_s, u"--json"_s}).jsonLines();
    QCOMPARE(events.size(), 6);
    QCOMPARE(events.first().value(u"id"_s).toString(), newId);
    QCOMPARE(events.first().value(u"origin"_s).toString(), u"replay"_s);
    QCOMPARE(events.first().value(u"replay_of"_s).toString(), eventId(1));
    QCOMPARE(events.first().value(u"event_type"_s).toString(), u"user.signed_up"_s);
    QCOMPARE(byId(events, eventId(1)).value(u"status"_s).toString(), u"processed"_s); // the original is untouched

    // Its actions ran again: a second run of the workflow for the same user.
    const QList<QJsonObject> actions = cli.run({u"actions"_s, u"--json"_s, u"--event"_s, newId}).jsonLines();
    QCOMPARE(actions.size(), 2);
    const QList<QJsonObject> triggers =
        cli.run({u"actions"_s, u"--json"_s, u"--action-type"_s, u"workflows_trigger"_s}).jsonLines();
    QCOMPARE(triggers.size(), 3);
    QCOMPARE(triggers.first().value(u"event_id"_s).toString(), newId);
    QCOMPARE(triggers.first().value(u"status"_s).toString(), u"success"_s);
    QSet<QString> runIds;
    for (const QJsonObject &t : triggers)
        runIds.insert(t.value(u"action_result"_s)[u"workflow_run_id"_s].toString());
    QCOMPARE(runIds.size(), 3);
    QCOMPARE(triggers.first().value(u"action_payload"_s)[u"recipients"_s],
             triggers.at(2).value(u"action_payload"_s)[u"recipients"_s]);
    {
        DataDirReader reader(dataDir);
        QCOMPARE(reader.count(u"workflow_runs"_s), runsBefore + 1);
    }
    const CliResult runs = cli.run({u"data"_s, u"runs"_s, u"--json"_s, u"--env"_s, u"development"_s});
    QVERIFY2(runs.exitCode == 0, qPrintable(runs.describe()));
    QSet<QString> listedRuns;
    for (const QJsonObject &run : runs.jsonLines()) {
        QCOMPARE(run.value(u"workflow"_s).toString(), u"welcome"_s);
        listedRuns.insert(run.value(u"id"_s).toString());
    }
    QCOMPARE(listedRuns, runIds);
    // The table writes each run's recipients as their JSON array.
    const CliResult table = cli.run({u"data"_s, u"runs"_s, u"--env"_s, u"development"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.outText().contains(u"[\""_s) && !table.outText().contains(u"\"]}"_s), qPrintable(table.outText()));

    // The readable form says what it did.
    const CliResult again = cli.run({u"replay"_s, eventId(2)});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY2(again.outText().startsWith(u"Replayed %1 as evt_"_s.arg(eventId(2))), qPrintable(again.describe()));
    QVERIFY2(again.outText().contains(u"workflows_trigger  success"_s), qPrintable(again.describe()));
}

void TestCli::replayOfRejectedEventFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    QVERIFY(cloneDataDir(m_dataDir, dataDir));
    const CliResult r = CliRunner(dataDir).run({u"replay"_s, eventId(5)});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.errText().contains(u"was rejected"_s), qPrintable(r.describe()));
    QCOMPARE(CliRunner(dataDir).run({u"events"_s, u"--json"_s}).jsonLines().size(), kDeliveries.size());
}

void TestCli::rehearsePrintsAndChangesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    QVERIFY(cloneDataDir(m_dataDir, dataDir));
    const QStringList tables{u"events"_s, u"actions"_s, u"users"_s, u"workflow_runs"_s};
    const auto counts = [&] {
        DataDirReader reader(dataDir);
        QList<qint64> out;
        for (const QString &t : tables)
            out.append(reader.count(t));
        return out;
    };
    const QList<qint64> before = counts();
    QCOMPARE(before, (QList<qint64>{5, 4, 2, 2}));

    const QString payload = dir.filePath(u"payload.json"_s);
    QVERIFY(writeFile(payload, R"({"body": {"type": "user.signed_up", "user": {"id": "u9", "email": "new@example.com"}},
                                   "headers": {"X-Webhook-Secret": "s3cret-dev"}})"));
    const CliResult r =
        CliRunner(dataDir).run({u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, payload});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QString text = r.outText();
    for (const QString &expected :
         {u"Rehearsal (nothing was executed or logged)"_s, u"event type  user.signed_up"_s, u"status      processed"_s,
          u"users_identify  would be success"_s, u"workflows_trigger  would be success"_s, u"\"id\":\"u9\""_s})
        QVERIFY2(text.contains(expected), qPrintable(u"'%1' missing from:\n%2"_s.arg(expected, text)));

    QCOMPARE(counts(), before);
    QCOMPARE(CliRunner(dataDir).run({u"events"_s, u"--json"_s, u"--where"_s, u"body.user.id=u9"_s}).jsonLines().size(),
             0);

    const CliResult json = CliRunner(dataDir).run(
        {u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, payload, u"--json"_s});
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    const QJsonObject o = json.jsonLines().value(0);
    QCOMPARE(o.value(u"dry_run"_s).toBool(), true);
    QCOMPARE(o.value(u"origin"_s).toString(), u"rehearse"_s);
    QCOMPARE(o.value(u"event_type"_s).toString(), u"user.signed_up"_s);
    const QJsonArray actions = o.value(u"actions"_s).toArray();
    QCOMPARE(actions.size(), 2);
    QCOMPARE(actions.at(0)[u"action_payload"_s].toObject(),
             QJsonObject({{u"id"_s, u"u9"_s}, {u"email"_s, u"new@example.com"_s}}));
    QCOMPARE(counts(), before);
}

void TestCli::rehearseJsonWithBareBody()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath(u"data"_s);
    QVERIFY(cloneDataDir(m_dataDir, dataDir));
    const QString payload = dir.filePath(u"bare.json"_s);
    QVERIFY(writeFile(payload, R"({"type": "invoice.paid", "user": {"id": "u1"}})"));
    const CliResult r = CliRunner(dataDir).run(
        {u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, payload, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject o = r.jsonLines().value(0);
    QCOMPARE(o.value(u"event_type"_s).toString(), u"invoice.paid"_s);
    QCOMPARE(o.value(u"status"_s).toString(), u"unmapped"_s);
    QCOMPARE(o.value(u"actions"_s).toArray().size(), 0);

    const QString notJson = dir.filePath(u"broken.json"_s);
    QVERIFY(writeFile(notJson, "{"));
    const CliResult broken =
        CliRunner(dataDir).run({u"rehearse"_s, u"--source"_s, u"app"_s, u"--env"_s, u"development"_s, notJson});
    QVERIFY2(broken.exitCode == 1 && broken.errText().contains(notJson + u": invalid JSON"_s),
             qPrintable(broken.describe()));
}

void TestCli::statsCountsEventsAndActions()
{
    const CliResult r = CliRunner(m_dataDir).run({u"stats"_s, u"--json"_s});
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    const QList<QJsonObject> lines = r.jsonLines();
    QCOMPARE(lines.size(), 1);
    const auto row = [](const char *env, const char *what, const char *key, const char *status, int count) {
        return QJsonObject{{u"environment"_s, QString::fromUtf8(env)},
                           {QString::fromUtf8(what), QString::fromUtf8(key)},
                           {u"status"_s, QString::fromUtf8(status)},
                           {u"count"_s, count}};
    };
    QCOMPARE(lines.first().value(u"events"_s).toArray(),
             QJsonArray({row("development", "source", "app", "processed", 2),
                         row("development", "source", "app", "rejected", 2),
                         row("development", "source", "app", "unmapped", 1)}));
    QCOMPARE(lines.first().value(u"actions"_s).toArray(),
             QJsonArray({row("development", "action_type", "users_identify", "success", 2),
                         row("development", "action_type", "workflows_trigger", "success", 2)}));

    const QJsonObject none =
        CliRunner(m_dataDir).run({u"stats"_s, u"--json"_s, u"--source"_s, u"crm"_s}).jsonLines().value(0);
    QCOMPARE(none, QJsonObject({{u"events"_s, QJsonArray()}, {u"actions"_s, QJsonArray()}}));
    const QJsonObject prod =
        CliRunner(m_dataDir).run({u"stats"_s, u"--json"_s, u"--env"_s, u"production"_s}).jsonLines().value(0);
    QCOMPARE(prod.value(u"events"_s).toArray().size(), 0);

    const CliResult table = CliRunner(m_dataDir).run({u"stats"_s});
    QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
    QVERIFY2(table.outText().contains(u"EVENTS"_s) && table.outText().contains(u"workflows_trigger"_s),
             qPrintable(table.describe()));
}

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
