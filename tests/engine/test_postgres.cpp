// What only PostgreSQL has to prove: several engine instances sharing one
// database (each event processed once, duplicates split between instances
// executing once, a crashed instance's events taken over), surviving the
// database going away and coming back, schema migrations racing, and `inletd
// migrate` (--check, and SQLite to PostgreSQL).
// Runs under CTest as engine.test_postgres.postgres; skipped elsewhere.
#include "common/TestBackend.h"
#include "support/CliRunner.h"
#include "support/EngineFixture.h"

#include "logs/EventLog.h"
#include "store/Database.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace Qt::Literals::StringLiterals;
using inlet::Database;
using inlet::clitest::CliResult;
using inlet::clitest::CliRunner;
using inlet::test::EngineFixture;
using inlet::test::TestBackend;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "sources": [{"key": "billing", "template": "custom", "environments": {"development": {
    "token": "tok_billing_dev_01",
    "settings": {"enforce_verification": false, "verification": {"scheme": "none"},
                 "idempotency_key_path": "body.id", "idempotency_window_s": 3600},
    "mappings": [
      {"event_type": "invoice.paid", "action_type": "users_identify",
       "action_parameters": {"id": "body.customer", "properties": "body.props"}}
    ]}}}]})";

const QString kUrl = u"/integrations/receive/tok_billing_dev_01"_s;

QByteArray payload(const QString &id, const QString &customer, const QString &prop)
{
    return QJsonDocument(QJsonObject{{u"type"_s, u"invoice.paid"_s},
                                     {u"id"_s, id},
                                     {u"customer"_s, customer},
                                     {u"props"_s, QJsonObject{{prop, true}}}})
        .toJson(QJsonDocument::Compact);
}

// Runs the test database's control script (tests/pg/run-server.sh).
bool serverControl(const QString &command)
{
    const QString script = qEnvironmentVariable("INLET_TEST_POSTGRES_CTL");
    QProcess p;
    p.start(script, {command});
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!TestBackend::postgres())
            QSKIP("PostgreSQL-only tests: they run as engine.test_postgres.postgres (INLET_TEST_BACKEND=postgres)");
    }

    void twoInstancesProcessEachEventOnce()
    {
        EngineFixture a;
        QVERIFY(a.importConfig(kConfig));
        EngineFixture b(a);
        QVERIFY(a.start());
        QVERIFY(b.start());
        QSignalSpy processedByA(&a.engine(), &inlet::Engine::eventProcessed);
        QSignalSpy processedByB(&b.engine(), &inlet::Engine::eventProcessed);

        // Ordinary events alternate between the instances; each duplicated
        // key is delivered to both at once, three times each.
        QSet<QString> ids;
        const int ordinary = 40;
        const int keys = 15;
        for (int i = 0; i < ordinary; ++i) {
            EngineFixture &to = i % 2 ? b : a;
            const auto r = to.post(kUrl, payload(u"ord_%1"_s.arg(i), u"cus_%1"_s.arg(i % 5), u"p%1"_s.arg(i)));
            QCOMPARE(r.status, 200);
            ids.insert(r.json().value(u"id"_s).toString());
        }
        for (int k = 0; k < keys; ++k) {
            const QByteArray body = payload(u"dup_%1"_s.arg(k), u"cus_dup"_s, u"d%1"_s.arg(k));
            for (EngineFixture *to : {&a, &b}) {
                for (const auto &r : to->postConcurrently(kUrl, body, {}, 3)) {
                    QCOMPARE(r.status, 200);
                    ids.insert(r.json().value(u"id"_s).toString());
                }
            }
        }
        QCOMPARE(ids.size(), ordinary + keys * 6);
        for (const QString &id : std::as_const(ids)) {
            const auto e = a.waitProcessed(id, 30000);
            QVERIFY2(e && e->status != u"accepted"_s, qPrintable(id));
        }

        // Each event processed by exactly one instance. (The signals cross
        // threads: let them arrive, then let any extra one arrive too.)
        QTRY_VERIFY_WITH_TIMEOUT(processedByA.size() + processedByB.size() >= ids.size(), 20000);
        QCoreApplication::processEvents();
        QSet<QString> byA, byB;
        for (const auto &args : std::as_const(processedByA))
            byA.insert(args.at(0).toString());
        for (const auto &args : std::as_const(processedByB))
            byB.insert(args.at(0).toString());
        QVERIFY2(!byA.intersects(byB), "an event was processed by both instances");
        QCOMPARE(byA.size() + byB.size(), ids.size());
        QCOMPARE(qsizetype(processedByA.size() + processedByB.size()), ids.size());

        // Each key executed once, whichever instance got it; the rest replay it.
        QSqlQuery q(a.db());
        QVERIFY(q.exec(u"SELECT idempotency_key, count(*) FILTER (WHERE status = 'processed'),"
                       " count(*) FILTER (WHERE status = 'idempotent') FROM events GROUP BY idempotency_key"_s));
        int groups = 0;
        while (q.next()) {
            ++groups;
            const QString key = q.value(0).toString();
            QVERIFY2(q.value(1).toInt() == 1, qPrintable(key + u" processed "_s + q.value(1).toString()));
            QCOMPARE(q.value(2).toInt(), key.startsWith(u"dup_"_s) ? 5 : 0);
        }
        QCOMPARE(groups, ordinary + keys);
        // One action per processed event, and no merge lost between instances.
        QCOMPARE(a.count(u"SELECT count(*) FROM actions"_s), qint64(ordinary + keys));
        QCOMPARE(a.count(u"SELECT count(*) FROM actions WHERE status = 'success'"_s), qint64(ordinary + keys));
        q.exec(u"SELECT properties FROM users WHERE id = 'cus_dup'"_s);
        QVERIFY(q.next());
        QCOMPARE(QJsonDocument::fromJson(q.value(0).toByteArray()).object().size(), keys);
        // cus_0 got its 8 events from both instances, interleaved.
        q.exec(u"SELECT properties FROM users WHERE id = 'cus_0'"_s);
        QVERIFY(q.next());
        QCOMPARE(QJsonDocument::fromJson(q.value(0).toByteArray()).object().size(), ordinary / 5);
    }

    void eventsOfACrashedInstanceArePickedUp()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        // Another instance stored two events and died: one before processing
        // it, one while processing it (its row lock held by a connection that
        // then goes away, as a killed process's does).
        const QString name = inlet::Database::uniqueConnectionName(u"crashed-instance"_s);
        const QStringList ids = {u"evt_crashed_0"_s, u"evt_crashed_1"_s};
        {
            QString error;
            QSqlDatabase other = inlet::Database::open(fx.databaseUrl(), name, &error);
            QVERIFY2(other.isValid(), qPrintable(error));
            inlet::EventLog log(other);
            for (const QString &id : ids) {
                inlet::EventRecord e;
                e.id = id;
                e.receivedAt = QDateTime::currentMSecsSinceEpoch();
                e.env = u"development"_s;
                e.source = u"billing"_s;
                e.body = payload(id, u"cus_crash"_s, id);
                e.size = e.body.size();
                QVERIFY2(log.insertEvent(e, &error), qPrintable(error));
            }
            QSqlQuery lock(other);
            QVERIFY(lock.exec(u"BEGIN"_s));
            QVERIFY(lock.exec(u"SELECT id FROM events WHERE id = 'evt_crashed_1' FOR UPDATE"_s));

            QVERIFY(fx.start());
            const auto first = fx.waitProcessed(ids[0]);
            QVERIFY(first && first->status == u"processed"_s);
            QCOMPARE(fx.log().event(ids[1])->status, u"accepted"_s); // held: skipped, not waited for
            lock.finish();
            other.close(); // the crash: its locks vanish with its session
        }
        inlet::Database::close(name);
        const auto second = fx.waitProcessed(ids[1]);
        QVERIFY(second && second->status == u"processed"_s);
        QCOMPARE(fx.count(u"SELECT count(*) FROM actions WHERE event_id LIKE 'evt_crashed_%'"_s), 2);
    }

    void survivesTheDatabaseRestarting()
    {
        if (qEnvironmentVariableIsEmpty("INLET_TEST_POSTGRES_CTL"))
            QSKIP("INLET_TEST_POSTGRES_CTL is not set: the test cannot stop and start the server");
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QVERIFY(fx.start());
        QStringList acknowledged;
        const auto r1 = fx.post(kUrl, payload(u"before"_s, u"cus_r"_s, u"a"_s));
        QCOMPARE(r1.status, 200);
        acknowledged << r1.json().value(u"id"_s).toString();
        QVERIFY(fx.waitProcessed(acknowledged.first()));

        QVERIFY(serverControl(u"pause"_s));
        // While it is down: refused (never acknowledged), and /healthz says so.
        const auto down = fx.post(kUrl, payload(u"during"_s, u"cus_r"_s, u"b"_s));
        // Asked while still down: once resumed, the worker's 500 ms probe
        // may reconnect before any later request.
        const int healthDown = fx.request("GET", u"/healthz"_s).status;
        const bool resumed = serverControl(u"resume"_s); // before any QVERIFY can return
        QCOMPARE(down.status, 503);
        QVERIFY(resumed);
        QCOMPARE(healthDown, 503);

        // Back: the worker reconnects on its own and /healthz recovers.
        QTRY_COMPARE_WITH_TIMEOUT(fx.request("GET", u"/healthz"_s).status, 200, 20000);
        for (int i = 0; i < 5; ++i) {
            const auto r = fx.post(kUrl, payload(u"after_%1"_s.arg(i), u"cus_r"_s, u"c%1"_s.arg(i)));
            QCOMPARE(r.status, 200);
            acknowledged << r.json().value(u"id"_s).toString();
        }
        QString error;
        QVERIFY2(inlet::Database::reconnect(fx.db(), &error), qPrintable(error)); // the reader's session is gone too
        for (const QString &id : std::as_const(acknowledged)) {
            const auto e = fx.waitProcessed(id, 20000);
            QVERIFY2(e && e->status == u"processed"_s, qPrintable(id));
        }
        QCOMPARE(fx.count(u"SELECT count(*) FROM events"_s), qint64(acknowledged.size()));
    }

    void concurrentMigrationsApplyEachVersionOnce()
    {
        QTemporaryDir dir;
        const inlet::DatabaseUrl url = TestBackend::freshUrl(dir.path());
        std::atomic<int> ok{0};
        auto migrate = [&](int n) {
            const QString name = inlet::Database::uniqueConnectionName(u"race-%1"_s.arg(n));
            {
                QString error;
                QSqlDatabase db = inlet::Database::open(url, name, &error);
                if (db.isValid() && inlet::Database::migrate(db, &error))
                    ++ok;
                else
                    qWarning("migration %d: %s", n, qPrintable(error));
            }
            inlet::Database::close(name);
        };
        std::thread t1(migrate, 1), t2(migrate, 2), t3(migrate, 3);
        t1.join();
        t2.join();
        t3.join();
        QCOMPARE(ok.load(), 3);
        const QString name = inlet::Database::uniqueConnectionName(u"race-check"_s);
        {
            QString error;
            QSqlDatabase db = inlet::Database::open(url, name, &error);
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT count(*), count(DISTINCT version), max(version) FROM schema_version"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), inlet::Database::schemaVersion());
            QCOMPARE(q.value(1).toInt(), inlet::Database::schemaVersion());
            QCOMPARE(q.value(2).toInt(), inlet::Database::schemaVersion());
        }
        inlet::Database::close(name);
        TestBackend::drop(url);
    }

    void migrateCheckReportsPendingMigrations()
    {
        QTemporaryDir dir;
        const QString url = TestBackend::freshUrlText(dir.path());
        const CliRunner cli;
        const CliResult empty = cli.run({u"--database"_s, url, u"migrate"_s, u"--check"_s});
        QCOMPARE(empty.exitCode, 1);
        QVERIFY2(empty.outText().contains(u"pending migration"_s), qPrintable(empty.describe()));
        const CliResult applied = cli.run({u"--database"_s, url, u"migrate"_s});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
        const CliResult check = cli.run({u"--database"_s, url, u"migrate"_s, u"--check"_s, u"--json"_s});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        QCOMPARE(check.jsonLines().value(0).value(u"pending"_s).toInt(), 0);
        TestBackend::drop(inlet::DatabaseUrl::parse(url));
    }

    // A store in a schema of its own does not take the tables of a store in
    // `public` (which follows it in the search path) for its own.
    void aSchemaIsNotMistakenForPublic()
    {
        const inlet::DatabaseUrl base = inlet::DatabaseUrl::parse(TestBackend::postgresUrl());
        const QString dbName = u"inlet_public_%1"_s.arg(QCoreApplication::applicationPid());
        const QString admin = Database::uniqueConnectionName(u"public-admin"_s);
        const auto onAdmin = [&](const QString &sql) {
            QString error;
            QSqlDatabase db = Database::open(base, admin, &error);
            QSqlQuery q(db);
            const bool ok = q.exec(sql);
            if (!ok)
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            q = QSqlQuery();
            db = QSqlDatabase();
            Database::close(admin);
            return ok;
        };
        onAdmin(u"DROP DATABASE IF EXISTS "_s + dbName);
        QVERIFY(onAdmin(u"CREATE DATABASE "_s + dbName));
        inlet::DatabaseUrl inPublic = base;
        inPublic.database = dbName;
        inPublic.schema.clear();
        inlet::DatabaseUrl inSchema = inPublic;
        inSchema.schema = u"tenant_b"_s;
        {
            const QString name = Database::uniqueConnectionName(u"public-store"_s);
            QString error;
            QSqlDatabase db = Database::open(inPublic, name, &error);
            QVERIFY2(Database::migrate(db, &error), qPrintable(error));
            db = QSqlDatabase();
            Database::close(name);
        }
        int stored = -1;
        {
            const QString name = Database::uniqueConnectionName(u"schema-store"_s);
            QString error;
            QSqlDatabase db = Database::open(inSchema, name, &error);
            QVERIFY2(db.isValid(), qPrintable(error));
            stored = Database::storedVersion(db, &error);
            QVERIFY2(Database::migrate(db, &error), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT count(*) FROM pg_tables WHERE schemaname = 'tenant_b' AND tablename = 'events'"_s));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            q = QSqlQuery();
            db = QSqlDatabase();
            Database::close(name);
        }
        QVERIFY(onAdmin(u"DROP DATABASE "_s + dbName));
        QCOMPARE(stored, 0);
    }

    void migrateCopiesAnSqliteDatabase()
    {
        // An SQLite database with configuration, events, actions and store rows.
        QTemporaryDir dir;
        const QString sqlite = u"sqlite:"_s + dir.filePath(u"old.sqlite"_s);
        const CliRunner cli;
        QFile config(dir.filePath(u"inlet.json"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(kConfig);
        config.close();
        QCOMPARE(cli.run({u"--database"_s, sqlite, u"config"_s, u"import"_s, config.fileName()}).exitCode, 0);
        {
            // Events go in through a running engine on the SQLite file.
            inlet::EngineOptions options;
            options.database = inlet::DatabaseUrl::parse(sqlite);
            options.port = 0;
            inlet::Engine engine(options);
            QString error;
            QVERIFY2(engine.start(&error), qPrintable(error));
            QSignalSpy processed(&engine, &inlet::Engine::eventProcessed);
            for (int i = 0; i < 4; ++i) {
                QTcpSocket s;
                s.connectToHost(u"127.0.0.1"_s, engine.port());
                QVERIFY(s.waitForConnected(5000));
                const QByteArray body = payload(u"m_%1"_s.arg(i % 3), u"cus_m"_s, u"p%1"_s.arg(i));
                s.write("POST " + kUrl.toUtf8() +
                        " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                        "Content-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body);
                QByteArray answer;
                while (s.state() == QAbstractSocket::ConnectedState && s.waitForReadyRead(10000))
                    answer += s.readAll();
                answer += s.readAll();
                QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
            }
            QTRY_COMPARE_WITH_TIMEOUT(processed.size(), 4, 20000);
            engine.stop();
        }
        const CliResult before = cli.run({u"--database"_s, sqlite, u"events"_s, u"--json"_s});
        QCOMPARE(before.exitCode, 0);

        const QString pg = TestBackend::freshUrlText(dir.path());
        const CliResult copied = cli.run({u"migrate"_s, u"--from"_s, sqlite, u"--to"_s, pg});
        QVERIFY2(copied.exitCode == 0, qPrintable(copied.describe()));
        QVERIFY(copied.outText().contains(u"events: 4 rows"_s));

        // The same log, store and configuration, read through PostgreSQL.
        const CliResult after = cli.run({u"--database"_s, pg, u"events"_s, u"--json"_s});
        QCOMPARE(after.exitCode, 0);
        QCOMPARE(after.jsonLines(), before.jsonLines());
        const QStringList views = {u"actions"_s, u"stats"_s};
        for (const QString &view : views) {
            QCOMPARE(cli.run({u"--database"_s, pg, view, u"--json"_s}).out,
                     cli.run({u"--database"_s, sqlite, view, u"--json"_s}).out);
        }
        QCOMPARE(cli.run({u"--database"_s, pg, u"data"_s, u"users"_s, u"--json"_s}).out,
                 cli.run({u"--database"_s, sqlite, u"data"_s, u"users"_s, u"--json"_s}).out);
        QCOMPARE(cli.run({u"--database"_s, pg, u"config"_s, u"export"_s, u"--include-secrets"_s}).out,
                 cli.run({u"--database"_s, sqlite, u"config"_s, u"export"_s, u"--include-secrets"_s}).out);

        // And back into a new SQLite file: PostgreSQL's JSONB copy of the body
        // is not a column there, and the file's word index starts empty, so
        // search finds the copied events.
        const QString back = u"sqlite:"_s + dir.filePath(u"back.sqlite"_s);
        const CliResult returned = cli.run({u"migrate"_s, u"--from"_s, pg, u"--to"_s, back});
        QVERIFY2(returned.exitCode == 0, qPrintable(returned.describe()));
        QCOMPARE(cli.run({u"--database"_s, back, u"events"_s, u"--json"_s}).jsonLines(), before.jsonLines());
        const CliResult found = cli.run({u"--database"_s, back, u"events"_s, u"--search"_s, u"cus_m"_s, u"--json"_s});
        QCOMPARE(found.jsonLines().size(), 4);

        // A second copy into the now non-empty database is refused.
        const CliResult again = cli.run({u"migrate"_s, u"--from"_s, sqlite, u"--to"_s, pg});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.errText().contains(u"empty"_s));
        TestBackend::drop(inlet::DatabaseUrl::parse(pg));
    }
};

QTEST_GUILESS_MAIN(TestPostgres)
#include "test_postgres.moc"
