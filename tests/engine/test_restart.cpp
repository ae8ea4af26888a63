// Events stored but not finished when the process stopped are finished after
// restart, exactly once (SPEC 5), even when several clients were sending
// when the process was killed and redeliver afterwards; logs past retention
// are deleted, the store is not (SPEC 10.4).
#include "support/CliRunner.h"
#include "support/EngineFixture.h"
#include "support/RawResponse.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using inlet::clitest::CliResult;
using inlet::clitest::CliServer;
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

QByteArray eventBody(const QByteArray &key, int user)
{
    return "{\"type\":\"t\",\"id\":\"" + key + "\",\"user\":\"u" + QByteArray::number(user) + "\"}";
}

QByteArray postRequest(const QByteArray &body)
{
    return "POST /integrations/receive/tok_restart_dev_1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Takes one complete response off the front of `buffer`: its status and the
// event id of a 200.
std::optional<std::pair<int, QString>> takeResponse(QByteArray &buffer)
{
    const auto r = inlet::test::takeResponse(buffer);
    if (!r)
        return std::nullopt;
    return std::make_pair(r->status, r->json().value(u"id"_s).toString());
}

// One request on a fresh connection: status and event id.
std::pair<int, QString> postOnce(quint16 port, const QByteArray &body)
{
    const inlet::test::RawResponse r = inlet::test::exchangeRaw(port, postRequest(body), 10000);
    return {r.status, r.json().value(u"id"_s).toString()};
}

// A keep-alive client that sends its next event (idempotency key
// "c<index>-<n>") as soon as the previous one is answered, until the
// connection dies; it remembers what was sent and never answered.
class LoadClient
{
public:
    LoadClient(int index, quint16 port, QStringList &acknowledged)
        : m_index(index)
        , m_acknowledged(acknowledged)
    {
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this] { sendNext(); });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { read(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] { m_closed = true; });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, &m_socket, [this] {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                m_closed = true;
        });
        m_socket.connectToHost(u"127.0.0.1"_s, port);
    }

    int index() const { return m_index; }
    bool closed() const { return m_closed; }
    QByteArray key(int n) const { return "c" + QByteArray::number(m_index) + "-" + QByteArray::number(n); }
    QList<QByteArray> unanswered() const { return m_pending; }

private:
    void sendNext()
    {
        const QByteArray body = eventBody(key(m_sent++), m_index);
        m_pending.append(body);
        m_socket.write(postRequest(body));
    }
    void read()
    {
        m_buffer += m_socket.readAll();
        while (auto r = takeResponse(m_buffer)) {
            if (!m_pending.isEmpty())
                m_pending.removeFirst();
            if (r->first == 200)
                m_acknowledged.append(r->second);
            if (m_socket.state() == QAbstractSocket::ConnectedState)
                sendNext();
        }
    }

    int m_index;
    QStringList &m_acknowledged;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<QByteArray> m_pending;
    int m_sent = 0;
    bool m_closed = false;
};

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

    // A long value copied from the body is kept by reference to the body,
    // except for an event processed more than an hour after it arrived (a
    // backlog): its body may leave the log before its actions and run are
    // written, so they keep the text itself.
    void lateProcessedEventKeepsLongValuesInline()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QString error;
        const auto longEvent = [](qint64 receivedAt, const QString &id) {
            inlet::EventRecord e = storedEvent(receivedAt, id);
            e.body = "{\"type\":\"t\",\"id\":\"" + id.toUtf8() + "\",\"user\":\"u_" + id.toUtf8() + "\",\"notes\":\"" +
                     QByteArray(300, 'n') + "\"}";
            return e;
        };
        auto late = longEvent(now - 2 * 3600 * 1000, u"late"_s);
        auto fresh = longEvent(now, u"fresh"_s);
        QVERIFY2(fx.log().insertEvent(late, &error), qPrintable(error));
        QVERIFY2(fx.log().insertEvent(fresh, &error), qPrintable(error));
        QVERIFY(fx.start());
        QCOMPARE(fx.waitProcessed(late.id)->status, u"processed"_s);
        QCOMPARE(fx.waitProcessed(fresh.id)->status, u"processed"_s);

        const QString trigger = u"SELECT count(*) FROM actions WHERE event_id = '%1'"
                                " AND action_type = 'workflows_trigger' AND %2"_s;
        const QString run = u"SELECT count(*) FROM workflow_runs WHERE event_id = '%1' AND %2"_s;
        QCOMPARE(fx.count(trigger.arg(fresh.id, u"payload_from_body = '{\"data\":\"body\"}'"_s)), 1);
        QCOMPARE(fx.count(run.arg(fresh.id, u"data IS NULL AND data_from_body = 'body'"_s)), 1);
        QCOMPARE(fx.count(trigger.arg(late.id, u"payload_from_body IS NULL AND action_payload LIKE '%nnnnnnnn%'"_s)),
                 1);
        QCOMPARE(
            fx.count(run.arg(late.id, u"data = '%1' AND data_from_body IS NULL"_s.arg(QString::fromUtf8(late.body)))),
            1);
        // Either way the log reads the same payload.
        for (const auto *e : {&late, &fresh}) {
            const auto actions = fx.log().actionsForEvent(e->id);
            QCOMPARE(actions.size(), 2);
            QCOMPARE(actions[1].actionPayload.value(u"data"_s).toObject(), QJsonDocument::fromJson(e->body).object());
        }
    }

    void typeGivenOnReceiptIsResolvedAgain()
    {
        // Stored by a webhook route under an older configuration (its type
        // path then gave "stale"): processing resolves the type again (SPEC 5)
        // and runs the mappings of what the body says now. A tracking-API
        // event keeps the type its route named.
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QString error;
        auto webhook = storedEvent(QDateTime::currentMSecsSinceEpoch(), u"k1"_s);
        webhook.path = u"/integrations/receive/tok_restart_dev_1"_s;
        webhook.eventType = u"stale"_s;
        QVERIFY2(fx.log().insertEvent(webhook, &error), qPrintable(error));
        auto tracked = storedEvent(QDateTime::currentMSecsSinceEpoch(), u"k2"_s);
        tracked.path = u"/v1/track"_s;
        tracked.eventType = u"named.by.route"_s;
        QVERIFY2(fx.log().insertEvent(tracked, &error), qPrintable(error));
        QVERIFY(fx.start());
        const auto w = fx.waitProcessed(webhook.id);
        QCOMPARE(w->eventType, u"t"_s);
        QCOMPARE(w->status, u"processed"_s);
        QCOMPARE(w->idempotencyKey, u"k1"_s);
        const auto t = fx.waitProcessed(tracked.id);
        QCOMPARE(t->eventType, u"named.by.route"_s);
        QCOMPARE(t->status, u"unmapped"_s);
        QCOMPARE(fx.count(u"SELECT count(*) FROM events WHERE event_type = 't'"_s), 1);
    }

    void killNineUnderLoadLosesNothing()
    {
        // Several keep-alive clients send a steady stream; the server is
        // killed (SIGKILL: no chance to flush or finish anything) while
        // requests are in flight, then restarted on the same database. Like
        // a real provider, each client then redelivers whatever it sent
        // without an answer, and a few acknowledged events too, under the
        // same idempotency keys.
        EngineFixture fx; // only for its database and reader connection
        QVERIFY(fx.importConfig(kConfig));
        const QString dataDir = QFileInfo(fx.dbPath()).absolutePath();
        CliServer server;
        QString error;
        QVERIFY2(server.start(dataDir, {}, &error), qPrintable(error));
        const quint16 port = server.port();

        constexpr int kClients = 6;
        constexpr int kKillAfter = 300; // acknowledged events before the kill
        std::vector<std::unique_ptr<LoadClient>> clients;
        QStringList acknowledged;
        for (int c = 0; c < kClients; ++c)
            clients.push_back(std::make_unique<LoadClient>(c, port, acknowledged));
        QVERIFY2(QTest::qWaitFor([&] { return acknowledged.size() >= kKillAfter; }, 30000),
                 qPrintable(u"only %1 acknowledged"_s.arg(acknowledged.size())));
        QVERIFY(::kill(server.pid(), SIGKILL) == 0);
        QVERIFY(server.process().waitForFinished(5000));
        QCOMPARE(server.process().exitStatus(), QProcess::CrashExit);
        QVERIFY(QTest::qWaitFor(
            [&] { return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->closed(); }); },
            5000));
        int unanswered = 0;
        for (const auto &c : clients)
            unanswered += c->unanswered().size();
        QVERIFY2(unanswered > 0, "the kill should have caught requests in flight");

        CliServer restarted;
        QVERIFY2(restarted.start(dataDir, {}, &error), qPrintable(error));
        const quint16 port2 = restarted.port();
        // Redeliveries: the unanswered requests, and the first acknowledged event of each client.
        int redelivered = 0;
        for (const auto &c : clients) {
            QList<QByteArray> again = c->unanswered();
            again.append(eventBody(c->key(0), c->index()));
            for (const QByteArray &body : std::as_const(again)) {
                const auto r = postOnce(port2, body);
                QCOMPARE(r.first, 200);
                acknowledged.append(r.second);
                ++redelivered;
            }
        }
        QVERIFY(redelivered > kClients);
        QVERIFY(QTest::qWaitFor(
            [&] { return fx.count(u"SELECT count(*) FROM events WHERE status = 'accepted'"_s) == 0; }, 30000));
        const CliResult stopped = restarted.stop(SIGTERM, 10000);
        QVERIFY2(stopped.finished, qPrintable(stopped.describe()));
        QCOMPARE(stopped.exitCode, 0);

        // Every acknowledged event is in the log, finished: processed the
        // first time its key was seen, idempotent after that.
        for (const QString &id : std::as_const(acknowledged)) {
            const auto e = fx.log().event(id);
            QVERIFY2(e, qPrintable(u"acknowledged event %1 is missing"_s.arg(id)));
            QVERIFY2(e->status == u"processed"_s || e->status == u"idempotent"_s, qPrintable(e->status));
            QCOMPARE(fx.log().actionsForEvent(id).size(), e->status == u"processed"_s ? 2 : 0);
        }
        // Exactly once per idempotency key: one processed event, two
        // actions, one workflow run, however often it was delivered.
        const qint64 keys = fx.count(u"SELECT count(DISTINCT idempotency_key) FROM events"_s);
        QVERIFY(keys >= kKillAfter);
        QCOMPARE(fx.count(u"SELECT count(*) FROM events WHERE status = 'processed'"_s), keys);
        QCOMPARE(fx.count(u"SELECT count(*) FROM events WHERE status NOT IN ('processed', 'idempotent')"_s), 0);
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs"_s), keys);
        QCOMPARE(fx.count(u"SELECT count(*) FROM actions"_s), 2 * keys);
        QCOMPARE(fx.count(u"SELECT count(*) FROM (SELECT e.idempotency_key FROM workflow_runs r"
                          " JOIN events e ON e.id = r.event_id GROUP BY e.idempotency_key HAVING count(*) <> 1)"_s),
                 0);
        QCOMPARE(fx.count(u"SELECT count(*) FROM (SELECT event_id FROM actions GROUP BY event_id"
                          " HAVING count(*) <> 2)"_s),
                 0);
        // Six clients, one user each: identified once per client, never duplicated.
        QCOMPARE(fx.count(u"SELECT count(*) FROM users"_s), kClients);
    }

    // Retention runs in transactions of a few hundred events (sized to take
    // about 25 ms), back to back while no request waits: 600 old events go
    // at start, not one transaction's worth now and the rest an hour later.
    // A run that kept its data by reference to an old body gets the text.
    void retentionDeletesOldLogsAndExpiredKeysOnly()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QString error;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSqlQuery q(fx.db());
        QVERIFY(q.exec(u"BEGIN"_s));
        inlet::EventRecord old;
        for (int i = 0; i < 600; ++i) {
            old = storedEvent(now - 40LL * 86400 * 1000 + i, u"old%1"_s.arg(i), u"processed"_s);
            QVERIFY2(fx.log().insertEvent(old, &error), qPrintable(error));
        }
        QVERIFY(q.exec(u"COMMIT"_s));
        auto recent = storedEvent(now - 2LL * 86400 * 1000, u"recent"_s, u"processed"_s);
        QVERIFY(fx.log().insertEvent(recent, &error));
        QVERIFY(q.exec(u"INSERT INTO users (env, id, properties, created_at, updated_at) VALUES"
                       " ('development', 'kept', '{}', 0, 0)"_s));
        QVERIFY(q.exec(u"INSERT INTO workflow_runs (env, id, workflow, recipients, data, data_from_body, status,"
                       " created_at, event_id) VALUES ('development', 'run_old', 'w', '[]', NULL, 'body', 'active',"
                       " 0, '%1')"_s.arg(old.id)));
        // Keys processed 40 days and an hour ago: only the second is within
        // a window (the default, 24 h: the configuration sets none).
        for (const auto &[key, age] : {std::pair{u"expired"_s, 40LL * 86400 * 1000}, {u"live"_s, 3600LL * 1000}}) {
            q.prepare(u"INSERT INTO idempotency (env, source, event_type, key, event_id, processed_at)"
                      " VALUES ('development', 'shop', 'invoice.paid', ?, 'evt_x', ?)"_s);
            q.addBindValue(key);
            q.addBindValue(now - age);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QVERIFY(fx.start()); // retention runs at start, then hourly
        const QDeadlineTimer deadline(10000);
        QSignalSpy stored(&fx.engine(), &inlet::Engine::eventsStored);
        const QString oldEvents =
            u"SELECT count(*) FROM events WHERE received_at < %1"_s.arg(now - 30LL * 86400 * 1000);
        while (fx.count(oldEvents) > 0 && !deadline.hasExpired())
            stored.wait(50);
        QCOMPARE(fx.count(oldEvents), 0);
        QVERIFY(fx.log().event(recent.id));
        QCOMPARE(fx.count(u"SELECT count(*) FROM workflow_runs WHERE id = 'run_old' AND data_from_body IS NULL"
                          " AND data = '%1'"_s.arg(QString::fromUtf8(old.body))),
                 1);
        QCOMPARE(fx.count(u"SELECT count(*) FROM users WHERE id = 'kept'"_s), 1);
        QCOMPARE(fx.count(u"SELECT count(*) FROM idempotency WHERE key = 'expired'"_s), 0);
        QCOMPARE(fx.count(u"SELECT count(*) FROM idempotency WHERE key = 'live'"_s), 1);
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "test_restart.moc"
