// Idempotency exactly as SPEC 10.3: the matching tuple, the window, the
// 255-character rule, "only processed events are recorded", concurrent
// deliveries executing once, and replays re-running on purpose.
#include "support/EngineFixture.h"

#include "config/ConfigRepository.h"
#include "ingest/EventProcessor.h"
#include "ingest/Replayer.h"
#include "store/SqlExec.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::test::EngineFixture;

namespace {

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"development": ["paid"]},
  "sources": [{"key": "billing", "template": "custom", "environments": {"development": {
    "token": "tok_billing_dev_01",
    "settings": {"enforce_verification": false, "verification": {"scheme": "none"},
                 "idempotency_key_path": "body.id", "idempotency_window_s": 3600},
    "mappings": [
      {"event_type": "invoice.paid", "action_type": "workflows_trigger",
       "action_parameters": {"key": "paid", "recipients": "body.customer", "data": "body"}},
      {"event_type": "invoice.paid", "action_type": "users_identify", "action_parameters": {"id": "body.customer"}},
      {"event_type": "invoice.other", "action_type": "users_identify", "action_parameters": {"id": "body.customer"}},
      {"event_type": "broken", "action_type": "workflows_trigger",
       "action_parameters": {"key": "missing-workflow", "recipients": "body.customer", "data": "body"}}
    ]}}}]})";

const QString kUrl = u"/integrations/receive/tok_billing_dev_01"_s;

QByteArray payload(const QString &type, const QJsonValue &id)
{
    return QJsonDocument(QJsonObject{{u"type"_s, type}, {u"id"_s, id}, {u"customer"_s, u"cus_1"_s}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestIdempotency : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<EngineFixture> fx;

    inlet::EventRecord deliver(const QByteArray &body)
    {
        const auto r = fx->post(kUrl, body);
        if (r.status != 200)
            qWarning("status %d: %s", r.status, r.body.constData());
        return fx->waitProcessed(r.json().value(u"id"_s).toString()).value_or(inlet::EventRecord());
    }
    qint64 runs() { return fx->count(u"SELECT count(*) FROM workflow_runs"_s); }

private Q_SLOTS:
    void init()
    {
        fx = std::make_unique<EngineFixture>();
        QVERIFY(fx->importConfig(kConfig));
        QVERIFY(fx->start());
    }
    void cleanup() { fx.reset(); }

    void duplicateIsIdempotentAndLinked()
    {
        const auto first = deliver(payload(u"invoice.paid"_s, u"evt_1"_s));
        QCOMPARE(first.status, u"processed"_s);
        const auto second = deliver(payload(u"invoice.paid"_s, u"evt_1"_s));
        QCOMPARE(second.status, u"idempotent"_s);
        QCOMPARE(second.replayOf, first.id);
        QVERIFY(second.statusDetail.contains(first.id));
        QCOMPARE(fx->log().actionsForEvent(second.id).size(), 0);
        QCOMPARE(runs(), 1);
    }

    void sameKeyOtherTypeIsNotADuplicate()
    {
        QCOMPARE(deliver(payload(u"invoice.paid"_s, u"evt_2"_s)).status, u"processed"_s);
        QCOMPARE(deliver(payload(u"invoice.other"_s, u"evt_2"_s)).status, u"processed"_s);
    }

    void invalidKeysAreDropped_data()
    {
        QTest::addColumn<QJsonValue>("key");
        QTest::newRow("256 characters") << QJsonValue(QString(256, u'k'));
        QTest::newRow("empty") << QJsonValue(u""_s);
        QTest::newRow("number") << QJsonValue(42);
        QTest::newRow("object") << QJsonValue(QJsonObject{{u"a"_s, 1}});
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }
    void invalidKeysAreDropped()
    {
        QFETCH(QJsonValue, key);
        const auto a = deliver(payload(u"invoice.paid"_s, key));
        const auto b = deliver(payload(u"invoice.paid"_s, key));
        QCOMPARE(a.status, u"processed"_s);
        QCOMPARE(b.status, u"processed"_s);
        QVERIFY(a.idempotencyKey.isEmpty());
        QCOMPARE(runs(), 2);
    }

    void longestValidKeyIsKept()
    {
        const QString key(255, u'k');
        QCOMPARE(deliver(payload(u"invoice.paid"_s, key)).idempotencyKey, key);
        QCOMPARE(deliver(payload(u"invoice.paid"_s, key)).status, u"idempotent"_s);
    }

    void failedEventsAreNotRecorded()
    {
        const auto a = deliver(payload(u"broken"_s, u"evt_3"_s));
        const auto b = deliver(payload(u"broken"_s, u"evt_3"_s));
        QCOMPARE(a.status, u"failed"_s);
        QCOMPARE(b.status, u"failed"_s); // ran again, not idempotent
        QCOMPARE(fx->log().actionsForEvent(b.id).size(), 1);
    }

    void concurrentDeliveriesExecuteOnce()
    {
        const auto results = fx->postConcurrently(kUrl, payload(u"invoice.paid"_s, u"evt_concurrent"_s), {}, 30);
        QStringList ids;
        for (const auto &r : results) {
            QCOMPARE(r.status, 200);
            ids.append(r.json().value(u"id"_s).toString());
        }
        QMap<QString, int> statuses;
        for (const QString &id : ids)
            statuses[fx->waitProcessed(id)->status]++;
        QCOMPARE(statuses.value(u"processed"_s), 1);
        QCOMPARE(statuses.value(u"idempotent"_s), 29);
        QCOMPARE(runs(), 1);
    }

    void replayRunsAgainOnPurpose()
    {
        const auto first = deliver(payload(u"invoice.paid"_s, u"evt_4"_s));
        inlet::UlidGenerator ids;
        QString error;
        const auto result = inlet::Replayer(fx->db(), ids).replay(first.id, *fx->engine().config().current(), &error);
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->event.origin, u"replay"_s);
        QCOMPARE(result->event.replayOf, first.id);
        QCOMPARE(result->event.status, u"processed"_s);
        QCOMPARE(result->actions.size(), 2);
        QCOMPARE(runs(), 2);
    }
};

// The window, with the clock pinned through the processor.
class TestIdempotencyWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expiresAfterWindow()
    {
        EngineFixture fx;
        QVERIFY(fx.importConfig(kConfig));
        QString error;
        inlet::ConfigRepository repo(fx.db());
        const auto snapshot = inlet::ConfigSnapshot::build(*repo.load(&error), 1);
        inlet::UlidGenerator ids;
        inlet::EventProcessor processor(fx.db(), ids);
        const qint64 t0 = 1735689600000;
        auto run = [&](qint64 now) {
            inlet::EventRecord e;
            e.id = u"evt_"_s + QString::fromLatin1(ids.next(now));
            e.receivedAt = now;
            e.env = u"development"_s;
            e.source = u"billing"_s;
            e.body = payload(u"invoice.paid"_s, u"evt_window"_s);
            // As the store worker does: one transaction per event here.
            inlet::sqlExec(fx.db(), u"BEGIN"_s, &error);
            inlet::EventLog log(fx.db());
            log.insertEvent(e, &error);
            QList<inlet::ActionRecord> actions;
            processor.process(e, *snapshot, actions, now, &error);
            inlet::sqlExec(fx.db(), u"COMMIT"_s, &error);
            return e.status;
        };
        QCOMPARE(run(t0), u"processed"_s);
        QCOMPARE(run(t0 + 3600 * 1000 - 1), u"idempotent"_s);
        QCOMPARE(run(t0 + 3600 * 1000 + 1), u"processed"_s); // the first fell out of the window
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestIdempotency a;
    TestIdempotencyWindow b;
    return QTest::qExec(&a, argc, argv) | QTest::qExec(&b, argc, argv);
}

#include "test_idempotency.moc"
