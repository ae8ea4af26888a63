// Faults (issue 7): concurrent duplicates execute once, SIGTERM under load
// loses nothing acknowledged and exits 0, and a store that cannot write
// answers 503 (never 2xx), reports degraded and recovers by itself.
//
// How the store is made to fail: the running inletd's RLIMIT_FSIZE is
// lowered to 1 byte with prlimit(2) (SIGXFSZ is ignored in the child, so a
// write past the limit fails with EFBIG instead of killing it), and raised
// again to give the space back. Unlike a read-only file this works as root
// (root bypasses permissions, not resource limits), needs no mount and
// leaves nothing behind. A second row uses a real full tmpfs when mounting
// is permitted (root with CAP_SYS_ADMIN) and is skipped otherwise.
#include "support/CliRunner.h"
#include "support/EngineFixture.h"
#include "support/RawResponse.h"

#include "config/ConfigRepository.h"
#include "config/TemplateRegistry.h"
#include "store/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/mount.h>
#include <sys/resource.h>

using namespace Qt::Literals::StringLiterals;
using inlet::clitest::CliServer;
using inlet::test::EngineFixture;
using inlet::test::RawResponse;
using inlet::test::takeResponse;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"development": ["w"]},
  "sources": [{"key": "s", "template": "custom", "environments": {"development": {
    "token": "tok_faults_dev_001",
    "settings": {"enforce_verification": false, "verification": {"scheme": "none"},
                 "idempotency_key_path": "body.id", "idempotency_window_s": 3600},
    "mappings": [
      {"event_type": "t", "action_type": "users_identify", "action_parameters": {"id": "body.user"}},
      {"event_type": "t", "action_type": "workflows_trigger",
       "action_parameters": {"key": "w", "recipients": "body.user", "data": "body"}}]}}}]})";

const QString kPath = u"/integrations/receive/tok_faults_dev_001"_s;

QByteArray eventBody(const QByteArray &id, int user = 1)
{
    return "{\"type\":\"t\",\"id\":\"" + id + "\",\"user\":\"u" + QByteArray::number(user) + "\"}";
}

QByteArray postRequest(const QString &path, const QByteArray &body, bool close)
{
    return "POST " + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
           (close ? "Connection: close\r\n"_ba : QByteArray()) + "Content-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

RawResponse exchange(quint16 port, const QByteArray &method, const QString &path, const QByteArray &body = {})
{
    return inlet::test::exchangeRaw(port, method == "POST" ? postRequest(path, body, true)
                                                           : method + ' ' + path.toUtf8() +
                                                                 " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
}

// A database with kConfig in `dir`, as `inletd --data-dir dir` expects it.
bool prepareDataDir(const QString &dir)
{
    const QString connection = inlet::Database::uniqueConnectionName(u"faults-setup"_s);
    bool ok = false;
    {
        QString error;
        QSqlDatabase db = inlet::Database::open(
            inlet::DatabaseUrl::parse(u"sqlite:"_s + QDir(dir).filePath(u"inlet.sqlite"_s)), connection, &error);
        if (db.isValid() && inlet::Database::migrate(db, &error)) {
            inlet::ConfigRepository repo(db);
            repo.ensureDefaults(&error);
            inlet::ConfigErrors errors;
            const auto config = inlet::Configuration::parse(kConfig, inlet::TemplateRegistry::instance(),
                                                            repo.environmentKeys(), errors);
            ok = config && repo.apply(*config, &error);
        }
        if (!ok)
            qWarning("cannot prepare %s: %s", qPrintable(dir), qPrintable(error));
    }
    inlet::Database::close(connection);
    return ok;
}

// Starts `inletd serve` on a loopback port of its own; false (with why in
// `error`) when it does not start listening.
bool startServer(CliServer &server, const QString &dataDir, QString *error)
{
    // Writes past RLIMIT_FSIZE fail with EFBIG instead of killing the
    // process; an ignored signal stays ignored across exec.
    server.setChildProcessModifier([] { ::signal(SIGXFSZ, SIG_IGN); });
    return server.start(dataDir, {}, error);
}

// Lowers (or, with RLIM_INFINITY, restores) the largest file the server may write.
bool limitFileSize(pid_t pid, rlim_t bytes)
{
    rlimit limit{};
    if (::prlimit(pid, RLIMIT_FSIZE, nullptr, &limit) != 0)
        return false;
    limit.rlim_cur = bytes;
    return ::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0;
}

// A reader on the data directory's database, for assertions.
class Reader
{
public:
    explicit Reader(const QString &dir)
        : m_connection(inlet::Database::uniqueConnectionName(u"faults-reader"_s))
    {
        QString error;
        m_db = inlet::Database::open(inlet::DatabaseUrl::parse(u"sqlite:"_s + QDir(dir).filePath(u"inlet.sqlite"_s)),
                                     m_connection, &error);
    }
    ~Reader()
    {
        m_db = QSqlDatabase();
        inlet::Database::close(m_connection);
    }
    inlet::EventLog log() { return inlet::EventLog(m_db); }
    qint64 count(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private:
    QString m_connection;
    QSqlDatabase m_db;
};

// Polls (bounded, no sleeps) until `done` holds, letting queued events run.
template <typename F>
bool waitFor(F done, int timeoutMs)
{
    return QTest::qWaitFor(done, timeoutMs);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void concurrentDuplicatesExecuteOnce()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QVERIFY(fx.start());
        const auto results = fx.postConcurrently(kPath, eventBody("evt_dup_50"), {}, 50);
        QCOMPARE(results.size(), 50);
        QStringList ids;
        for (const auto &r : results) {
            QCOMPARE(r.status, 200);
            ids.append(r.json().value(u"id"_s).toString());
        }
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 50);
        QMap<QString, int> statuses;
        for (const QString &id : std::as_const(ids)) {
            const auto e = fx.waitProcessed(id);
            QVERIFY(e);
            statuses[e->status]++;
        }
        QCOMPARE(statuses.value(u"processed"_s), 1);
        QCOMPARE(statuses.value(u"idempotent"_s), 49);
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs"_s), 1);
        QCOMPARE(fx.count(u"SELECT count(*) FROM actions"_s), 2);
        QCOMPARE(fx.count(u"SELECT count(*) FROM idempotency"_s), 1);
    }

    void sigtermUnderLoadLosesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(prepareDataDir(dir.path()));
        CliServer server;
        QString error;
        QVERIFY2(startServer(server, dir.path(), &error), qPrintable(error));

        // Eight keep-alive clients, each sending its next event as soon as
        // the previous one is answered, until the server closes them.
        constexpr int kClients = 8;
        struct Client
        {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray buffer;
            int sent = 0;
            bool closed = false;
        };
        std::vector<Client> clients(kClients);
        QStringList acknowledged;
        int refused = 0;
        for (int c = 0; c < kClients; ++c) {
            Client &client = clients[size_t(c)];
            client.socket = std::make_unique<QTcpSocket>();
            QTcpSocket *socket = client.socket.get();
            auto sendNext = [&client, c] {
                const QByteArray id = "c" + QByteArray::number(c) + "-" + QByteArray::number(client.sent++);
                client.socket->write(postRequest(kPath, eventBody(id, c), false));
            };
            connect(socket, &QTcpSocket::connected, socket, sendNext);
            connect(socket, &QTcpSocket::readyRead, socket, [&client, &acknowledged, &refused, sendNext] {
                client.buffer += client.socket->readAll();
                while (auto r = takeResponse(client.buffer)) {
                    if (r->status == 200)
                        acknowledged.append(r->json().value(u"id"_s).toString());
                    else
                        ++refused;
                    if (client.socket->state() == QAbstractSocket::ConnectedState)
                        sendNext();
                }
            });
            connect(socket, &QTcpSocket::disconnected, socket, [&client] { client.closed = true; });
            connect(socket, &QTcpSocket::errorOccurred, socket, [&client] {
                if (client.socket->state() == QAbstractSocket::UnconnectedState)
                    client.closed = true;
            });
            socket->connectToHost(u"127.0.0.1"_s, server.port());
        }
        QVERIFY(waitFor([&] { return acknowledged.size() >= 300; }, 30000));
        QCOMPARE(refused, 0);

        QElapsedTimer stopping;
        stopping.start();
        QVERIFY(::kill(server.pid(), SIGTERM) == 0);
        QSignalSpy finished(&server.process(), &QProcess::finished);
        QVERIFY(waitFor([&] { return server.process().state() == QProcess::NotRunning; }, 10000));
        const qint64 tookMs = stopping.elapsed();
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
        QVERIFY2(tookMs < 6000, qPrintable(u"stopping took %1 ms"_s.arg(tookMs)));
        // Every client was closed by the server, none was left hanging.
        QVERIFY(waitFor(
            [&] { return std::all_of(clients.begin(), clients.end(), [](const Client &c) { return c.closed; }); },
            5000));
        // Requests answered during the drain may carry a 503 "paused"-like
        // refusal; none may be a 200 that was not stored.
        Reader reader(dir.path());
        for (const QString &id : std::as_const(acknowledged)) {
            const auto e = reader.log().event(id);
            QVERIFY2(e, qPrintable(u"acknowledged event %1 is missing"_s.arg(id)));
            QCOMPARE(e->status, u"processed"_s);
            QCOMPARE(reader.log().actionsForEvent(id).size(), 2);
        }
        QCOMPARE(reader.count(u"SELECT count(*) FROM events WHERE status = 'accepted'"_s), 0);
        QCOMPARE(reader.count(u"SELECT count(*) FROM workflow_runs"_s),
                 reader.count(u"SELECT count(*) FROM events WHERE status = 'processed'"_s));
    }

    void unwritableStoreAnswers503AndRecovers_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("file size limit") << false;
        QTest::newRow("full tmpfs") << true;
    }
    void unwritableStoreAnswers503AndRecovers()
    {
        QFETCH(bool, tmpfs);
        QTemporaryDir base;
        QString dataDir = base.path();
        QString filler;
        struct Unmount
        {
            QString path;
            ~Unmount()
            {
                if (!path.isEmpty())
                    ::umount2(QFile::encodeName(path).constData(), MNT_DETACH);
            }
        } unmount;
        if (tmpfs) {
            dataDir = base.filePath(u"mnt"_s);
            QVERIFY(QDir().mkpath(dataDir));
            if (::mount("tmpfs", QFile::encodeName(dataDir).constData(), "tmpfs", 0, "size=16m") != 0)
                QSKIP("mounting a tmpfs is not permitted here (needs CAP_SYS_ADMIN); the file size limit row "
                      "covers the same failure");
            unmount.path = dataDir;
            filler = QDir(dataDir).filePath(u"filler"_s);
        }
        QVERIFY(prepareDataDir(dataDir));
        auto server = std::make_unique<CliServer>();
        QString error;
        QVERIFY2(startServer(*server, dataDir, &error), qPrintable(error));
        const quint16 port = server->port();
        QStringList acknowledged;

        RawResponse r = exchange(port, "POST", kPath, eventBody("before"));
        QCOMPARE(r.status, 200);
        acknowledged.append(r.json().value(u"id"_s).toString());

        // The disk fills up.
        if (tmpfs) {
            QFile f(filler);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const QByteArray block(64 * 1024, 'x');
            while (f.write(block) == block.size() && f.flush()) {
            }
            f.close();
        } else {
            QVERIFY(limitFileSize(server->pid(), 1));
        }
        // Never a 2xx for what cannot be stored. A full tmpfs may still have
        // room in pages the WAL already holds: those 200s are real (checked
        // below), but the disk must run out within a bounded number.
        int refusedCount = 0;
        for (int i = 0; i < 200 && refusedCount < 5; ++i) {
            r = exchange(port, "POST", kPath, eventBody("during-" + QByteArray::number(i)));
            if (r.status == 200) {
                QVERIFY2(refusedCount == 0, "a 200 after the store had failed");
                acknowledged.append(r.json().value(u"id"_s).toString());
                continue;
            }
            QCOMPARE(r.status, 503);
            QCOMPARE(r.json().value(u"error"_s).toString(), u"unavailable"_s);
            ++refusedCount;
        }
        QCOMPARE(refusedCount, 5);
        r = exchange(port, "GET", u"/healthz"_s);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"degraded"_s);

        // Space returns: the engine notices by itself.
        if (tmpfs)
            QVERIFY(QFile::remove(filler));
        else
            QVERIFY(limitFileSize(server->pid(), RLIM_INFINITY));
        // Before any request: a balancer that trusts /healthz sends none while it says degraded.
        QVERIFY2(waitFor([&] { return exchange(port, "GET", u"/healthz"_s).status == 200; }, 10000),
                 exchange(port, "GET", u"/healthz"_s).body.constData());
        r = exchange(port, "POST", kPath, eventBody("after"));
        QCOMPARE(r.status, 200);
        acknowledged.append(r.json().value(u"id"_s).toString());

        Reader reader(dataDir);
        QVERIFY(waitFor([&] { return reader.count(u"SELECT count(*) FROM events WHERE status = 'accepted'"_s) == 0; },
                        10000));
        for (const QString &id : std::as_const(acknowledged)) {
            const auto e = reader.log().event(id);
            QVERIFY2(e, qPrintable(u"acknowledged event %1 is missing"_s.arg(id)));
            QCOMPARE(e->status, u"processed"_s);
        }
        // Nothing refused was stored.
        QCOMPARE(reader.count(u"SELECT count(*) FROM events"_s), acknowledged.size());
        QVERIFY(::kill(server->pid(), SIGTERM) == 0);
        QVERIFY(server->process().waitForFinished(10000));
        QCOMPARE(server->process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "test_faults.moc"
