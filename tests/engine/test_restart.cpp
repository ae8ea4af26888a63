// Events stored but not finished when the process stopped are finished after
// restart, exactly once (SPEC 5); logs past retention are deleted, the store
// is not (SPEC 10.4).
#include "support/EngineFixture.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using inlet::test::EngineFixture;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"development": ["w"]},
  "sources": [{"key": "s", "template": "custom", "environments": {"development": {
    "token": "tok_restart_dev_1",
    "settings": {"enforce_verification": false, "verification": {"scheme": "none"}, "idempotency_key_path": "body.id"},
    "mappings": [
      {"event_type": "t", "action_type": "users_identify", "action_parameters": {"id": "body.user"}},
      {"event_type": "t", "action_type": "workflows_trigger",
       "action_parameters": {"key": "w", "recipients": "body.user", "data": "body"}}]}}}]})";

inlet::EventRecord storedEvent(qint64 receivedAt, const QString &id, const QString &status = u"accepted"_s)
{
    static inlet::UlidGenerator ids;
    inlet::EventRecord e;
    e.id = u"evt_"_s + QString::fromLatin1(ids.next(receivedAt));
    e.receivedAt = receivedAt;
    e.env = u"development"_s;
    e.source = u"s"_s;
    e.status = status;
    e.body = QJsonDocument(QJsonObject{{u"type"_s, u"t"_s}, {u"id"_s, id}, {u"user"_s, QString(u"u_"_s + id)}})
                 .toJson(QJsonDocument::Compact);
    return e;
}

} // namespace

class TestRestart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unfinishedEventsAreProcessedOnStart()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        // As if the process died after storing these and before processing them.
        QStringList ids;
        QString error;
        for (int i = 0; i < 50; ++i) {
            auto e = storedEvent(QDateTime::currentMSecsSinceEpoch(), QString::number(i));
            QVERIFY2(fx.log().insertEvent(e, &error), qPrintable(error));
            ids.append(e.id);
        }
        QVERIFY(fx.start());
        for (const QString &id : ids)
            QCOMPARE(fx.waitProcessed(id)->status, u"processed"_s);
        QCOMPARE(fx.count(u"SELECT count(*) FROM actions"_s), 100);
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs"_s), 50);
        // A second start finds nothing left to do: no action runs twice.
        fx.stop();
        QVERIFY(fx.start());
        QVERIFY(fx.request("GET", u"/healthz"_s).status == 200);
        QCOMPARE(fx.count(u"SELECT count(*) FROM actions"_s), 100);
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs"_s), 50);
    }

    void killNineUnderLoadLosesNothing()
    {
        EngineFixture fx; // only for its database and reader connection
        QVERIFY(fx.importConfig(kConfig));
        const QString dataDir = QFileInfo(fx.dbPath()).absolutePath();
        auto startServer = [&](QProcess &p) {
            p.start(QStringLiteral(INLETD_PATH),
                    {u"--data-dir"_s, dataDir, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s});
            if (!p.waitForStarted(5000))
                return quint16(0);
            QDeadlineTimer deadline(10000);
            QByteArray out;
            while (!out.contains('\n') && !deadline.hasExpired() && p.waitForReadyRead(1000))
                out += p.readAllStandardOutput();
            const qsizetype colon = out.lastIndexOf(':');
            return quint16(out.mid(colon + 1).trimmed().toUInt());
        };
        QProcess server;
        const quint16 port = startServer(server);
        QVERIFY(port > 0);

        // Keep-alive client: send, read each 200, and kill the server mid-stream.
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(socket.waitForConnected(5000));
        QStringList acknowledged;
        QByteArray buffer;
        for (int i = 0; i < 400 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
            const QByteArray body = "{\"type\":\"t\",\"id\":\"k" + QByteArray::number(i) + "\",\"user\":\"u" +
                                    QByteArray::number(i % 7) + "\"}";
            socket.write("POST /integrations/receive/tok_restart_dev_1 HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
            if (i == 250)
                ::kill(pid_t(server.processId()), SIGKILL);
            // Read one response (or notice the connection died).
            while (!buffer.contains("\r\n\r\n") || !buffer.contains("}")) {
                if (!socket.waitForReadyRead(5000))
                    break;
                buffer += socket.readAll();
            }
            const qsizetype end = buffer.indexOf('}');
            if (end < 0)
                break;
            const QByteArray response = buffer.left(end + 1);
            buffer = buffer.mid(end + 1);
            if (response.startsWith("HTTP/1.1 200")) {
                const QJsonObject o = QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
                acknowledged.append(o.value(u"id"_s).toString());
            }
        }
        server.waitForFinished(5000);
        QVERIFY(acknowledged.size() >= 200);

        QProcess restarted;
        QVERIFY(startServer(restarted) > 0);
        QSignalSpy finished(&restarted, &QProcess::finished);
        const QDeadlineTimer deadline(20000);
        while (fx.count(u"SELECT count(*) FROM events WHERE status = 'accepted'"_s) > 0 && !deadline.hasExpired())
            finished.wait(50);
        restarted.terminate();
        QVERIFY(restarted.waitForFinished(10000));
        QCOMPARE(restarted.exitCode(), 0);

        for (const QString &id : std::as_const(acknowledged)) {
            const auto e = fx.log().event(id);
            QVERIFY2(e, qPrintable(u"acknowledged event %1 is missing"_s.arg(id)));
            QCOMPARE(e->status, u"processed"_s);
            QCOMPARE(fx.log().actionsForEvent(id).size(), 2);
        }
        // Exactly once: one run per processed event, never two.
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs"_s),
                 fx.count(u"SELECT count(*) FROM events WHERE status = 'processed'"_s));
        QCOMPARE(fx.count(u"SELECT count(*) FROM (SELECT event_id FROM workflow_runs GROUP BY event_id"
                          " HAVING count(*) > 1)"_s),
                 0);
    }

    void retentionDeletesOldLogsOnly()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QString error;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto old = storedEvent(now - 40LL * 86400 * 1000, u"old"_s, u"processed"_s);
        auto recent = storedEvent(now - 2LL * 86400 * 1000, u"recent"_s, u"processed"_s);
        QVERIFY(fx.log().insertEvent(old, &error));
        QVERIFY(fx.log().insertEvent(recent, &error));
        QSqlQuery q(fx.db());
        QVERIFY(q.exec(u"INSERT INTO users (env, id, properties, created_at, updated_at) VALUES"
                       " ('development', 'kept', '{}', 0, 0)"_s));
        QVERIFY(fx.start()); // retention runs at start, then hourly
        const QDeadlineTimer deadline(10000);
        QSignalSpy stored(&fx.engine(), &inlet::Engine::eventsStored);
        while (fx.log().event(old.id) && !deadline.hasExpired())
            stored.wait(50);
        QVERIFY(!fx.log().event(old.id));
        QVERIFY(fx.log().event(recent.id));
        QCOMPARE(fx.count(u"SELECT count(*) FROM users WHERE id = 'kept'"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "test_restart.moc"
