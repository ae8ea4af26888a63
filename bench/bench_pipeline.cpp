// CPU cost per event of each stage of the ingest pipeline, measured on one
// thread without sockets, with the engine's own code: the HTTP parser, the
// request handler (routing, JSON parse, Stripe verification, event record),
// the store worker's insert (EventLog::insertEvent, group commit of 1, 64 and
// 512 events) and its processing (EventLog::pending, EventProcessor::process
// (idempotency, identify and workflow trigger, each action in its savepoint, action logs).
// Thread CPU time is what a loaded, shared machine disturbs least: these
// figures say where inletd's time goes when bench/ingest/run.sh is noisy.
//
// Usage: bench_pipeline [EVENTS] [BODY-BYTES...]   (default 4000, 1024 20480)
// Rows marked "what-if" time the same work done differently (statements
// prepared once; the body parsed once) to size the proposals in
// docs/benchmarks.md; they are not the engine's code paths.
#include "config/ConfigRepository.h"
#include "config/Configuration.h"
#include "config/TemplateRegistry.h"
#include "http/HttpRequestParser.h"
#include "http/HttpResponse.h"
#include "http/HttpResponseEncoder.h"
#include "ingest/ConfigStore.h"
#include "ingest/EventPlan.h"
#include "ingest/EventProcessor.h"
#include "ingest/IngestContext.h"
#include "ingest/IngestHandler.h"
#include "ingest/RequestDecoding.h"
#include "ingest/StoreWorker.h"
#include "logs/EventLog.h"
#include "store/Database.h"
#include "store/DatabaseUrl.h"
#include "store/SqlExec.h"
#include "util/Crypto.h"
#include "util/Ulid.h"
#include "verify/Verifier.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

const QString kSecret = u"whsec_benchStripeSigningSecret0123456789"_s;
const QString kToken = u"tok_bench_stripe_0123456789abcdef"_s;

double threadCpuUs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

struct Cost
{
    double cpuUs = 0;  // per item
    double wallUs = 0; // per item
};

Cost measure(qint64 items, const std::function<void()> &fn)
{
    QElapsedTimer wall;
    wall.start();
    const double c0 = threadCpuUs();
    fn();
    const double c1 = threadCpuUs();
    return {(c1 - c0) / double(items), double(wall.nsecsElapsed()) / 1e3 / double(items)};
}

void row(const QString &stage, const QString &what, const Cost &c)
{
    std::printf("%-10s %-62s %10.1f %10.1f\n", qPrintable(stage), qPrintable(what), c.cpuUs, c.wallUs);
    std::fflush(stdout);
}

// A Stripe invoice.paid event (the test fixture) with a unique id, one of
// 1,000 customers, and line items and padding up to `size` bytes.
QByteArray makeBody(const QJsonObject &fixture, qint64 i, int size)
{
    QJsonObject event = fixture;
    QJsonObject data = event.value(u"data"_s).toObject();
    QJsonObject invoice = data.value(u"object"_s).toObject();
    const QString n = QString::number(i).rightJustified(8, u'0');
    const QString c = QString::number(i % 1000).rightJustified(4, u'0');
    event.insert(u"id"_s, QString(u"evt_bench_"_s + n));
    invoice.insert(u"id"_s, QString(u"in_bench_"_s + n));
    invoice.insert(u"customer"_s, QString(u"cus_bench_"_s + c));
    invoice.insert(u"customer_email"_s, QString(u"customer"_s + c + u"@example.com"_s));
    invoice.insert(u"customer_name"_s, QString(u"Customer "_s + c));
    QJsonObject lines = invoice.value(u"lines"_s).toObject();
    const QJsonArray items = lines.value(u"data"_s).toArray();
    auto render = [&](int count, int pad) {
        QJsonArray list;
        for (int k = 0; k < count && !items.isEmpty(); ++k)
            list.append(items.at(k % items.size()));
        QJsonObject l = lines;
        l.insert(u"data"_s, list);
        QJsonObject inv = invoice;
        inv.insert(u"lines"_s, l);
        inv.insert(u"footer"_s, QString(pad, u'x'));
        QJsonObject d = data;
        d.insert(u"object"_s, inv);
        QJsonObject e = event;
        e.insert(u"data"_s, d);
        return QJsonDocument(e).toJson(QJsonDocument::Compact);
    };
    // The layout depends on the size only (ids have a fixed width): find it once.
    struct Layout
    {
        int count = 0;
        int pad = 0;
        QStringList dropped;
    };
    static QHash<int, Layout> layouts;
    if (!layouts.contains(size)) {
        Layout l;
        while (render(l.count + 1, 0).size() <= size && l.count < 10000)
            ++l.count;
        if (render(l.count, 0).size() > size) {
            // Smaller than the fixture: drop invoice fields until it fits.
            const QStringList keep = {
                u"id"_s,          u"object"_s,   u"customer"_s, u"customer_email"_s, u"customer_name"_s,
                u"amount_paid"_s, u"currency"_s, u"status"_s,   u"lines"_s};
            for (const QString &k : invoice.keys()) {
                if (!keep.contains(k) && render(0, 0).size() > size) {
                    invoice.remove(k);
                    l.dropped.append(k);
                }
            }
            l.count = 0;
        }
        l.pad = int(qMax<qsizetype>(0, size - render(l.count, 0).size()));
        layouts.insert(size, l);
    }
    const Layout &l = layouts[size];
    for (const QString &k : l.dropped)
        invoice.remove(k);
    return render(l.count, l.pad);
}

QByteArray rawRequest(const QByteArray &body, qint64 nowS)
{
    const QByteArray t = QByteArray::number(nowS);
    const QByteArray sig = crypto::hmacSha256(kSecret.toUtf8(), QByteArray(t + '.' + body)).toHex();
    return "POST /integrations/receive/" + kToken.toLatin1() +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Stripe/1.0 (+https://stripe.com/docs/webhooks)\r\n"
           "Content-Type: application/json; charset=utf-8\r\nAccept: */*; q=0.5, application/xml\r\n"
           "Cache-Control: no-cache\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nStripe-Signature: t=" + t + ",v1=" + sig + "\r\n\r\n" + body;
}

const char *kConfig = R"json({ "version": 1,
  "environments": [ {"key": "development", "name": "Development"} ],
  "workflows": { "development": ["invoice-paid"] },
  "sources": [ { "key": "bench_stripe", "name": "Stripe (bench)", "template": "stripe",
    "environments": { "development": {
      "token": "TOKEN",
      "settings": { "idempotency_key_path": "body.id", "enforce_verification": true,
                    "verification": { "scheme": "stripe", "secrets": ["SECRET"], "tolerance_s": 300 } },
      "mappings": [
        { "event_type": "invoice.paid", "action_type": "users_identify", "active": true,
          "action_parameters": { "id": "body.data.object.customer", "email": "body.data.object.customer_email",
                                 "name": "body.data.object.customer_name" } },
        { "event_type": "invoice.paid", "action_type": "workflows_trigger", "active": true,
          "action_parameters": { "key": "invoice-paid", "recipients": "body.data.object.customer",
                                 "data": "body" } } ] } } } ] })json";

int runSize(const QJsonObject &fixture, qint64 events, int size)
{
    QTemporaryDir dir;
    const DatabaseUrl url = DatabaseUrl::parse(u"sqlite:"_s + dir.path() + u"/inlet.sqlite"_s);
    const QString name = Database::uniqueConnectionName(u"bench-pipeline"_s);
    {
        QString error;
        QSqlDatabase db = Database::open(url, name, &error);
        ConfigRepository repo(db);
        ConfigErrors errors;
        const QByteArray configJson =
            QByteArray(kConfig).replace("TOKEN", kToken.toLatin1()).replace("SECRET", kSecret.toLatin1());
        std::optional<Configuration> config;
        if (Database::migrate(db, &error) && repo.ensureDefaults(&error))
            config = Configuration::parse(configJson, TemplateRegistry::instance(), repo.environmentKeys(), errors);
        ConfigStore configStore;
        if (!config || !repo.apply(*config, &error) || !configStore.reload(db, true, &error)) {
            std::fprintf(stderr, "setup failed: %s %s\n", qPrintable(error), qPrintable(errors.list().join(u"; "_s)));
            return 1;
        }
        const QByteArray sample = makeBody(fixture, 0, size);
        std::printf("--- body %lld bytes (Stripe invoice.paid), Stripe verification, idempotency, identify + "
                    "trigger ---\n",
                    qint64(sample.size()));

        // --- HTTP thread ---
        const qint64 nowS = QDateTime::currentSecsSinceEpoch();
        QList<QByteArray> raw;
        for (qint64 i = 0; i < events; ++i)
            raw.append(rawRequest(makeBody(fixture, i, size), nowS));
        QList<HttpRequest> requests;
        requests.reserve(events);
        HttpServerLimits limits;
        row(u"http"_s, u"HttpRequestParser::feed, one request per parser"_s, measure(events, [&] {
                for (const QByteArray &r : raw) {
                    HttpRequestParser parser(limits);
                    parser.setRemoteAddress(u"127.0.0.1:50000"_s);
                    parser.feed(r.constData(), r.size());
                    requests.append(parser.takeRequest());
                }
            }));
        if (requests.size() != events || requests.first().body.size() != sample.size()) {
            std::fprintf(stderr, "the parser did not produce the requests\n");
            return 1;
        }
        row(u"http"_s, u"  of which: QJsonDocument::fromJson(body) (validation)"_s, measure(events, [&] {
                for (const HttpRequest &r : requests)
                    QJsonDocument::fromJson(r.body);
            }));
        {
            const SourceSettings &settings =
                configStore.current()->find(u"bench_stripe"_s, u"development"_s)->config.settings;
            row(u"http"_s, u"  of which: Verifier::verify (stripe)"_s, measure(events, [&] {
                    for (const HttpRequest &r : requests) {
                        VerificationRequest vr;
                        vr.headers = &r.headers;
                        vr.rawBody = r.body;
                        vr.nowMs = nowS * 1000;
                        Verifier::verify(settings.verification, vr);
                    }
                }));
        }
        row(u"http"_s, u"  of which: headersObject + redactHeaders"_s, measure(events, [&] {
                for (const HttpRequest &r : requests)
                    redactHeaders(headersObject(r), QString());
            }));
        {
            // The handler with a store worker that is never started: submit()
            // only queues, so this is the HTTP thread's share, without I/O.
            UlidGenerator ids;
            StoreWorker::Options wo;
            wo.database = url;
            wo.maxQueue = int(events) + 10;
            StoreWorker worker(wo, configStore, ids);
            IngestHandler handler(configStore, worker, ids, {});
            qint64 answered = 0;
            row(u"http"_s, u"IngestHandler::handle (route, parse, verify, record, queue)"_s, measure(events, [&] {
                    for (const HttpRequest &r : requests)
                        handler.handle(r, [&answered](HttpResponse) { ++answered; });
                }));
            if (answered != 0 || worker.queueLength() != events) {
                std::fprintf(stderr, "the handler answered %lld requests early (queue %d)\n", answered,
                             worker.queueLength());
                return 1;
            }
        }
        row(u"http"_s, u"200 response: HttpResponse::json + HttpResponseEncoder"_s, measure(events, [&] {
                QByteArray out;
                for (qint64 i = 0; i < events; ++i) {
                    const HttpResponse response = HttpResponse::json(
                        200, QJsonObject{{u"id"_s, u"evt_01JBENCH0000000000000000"_s}, {u"status"_s, u"accepted"_s}});
                    HttpResponseEncoder::append(out, response, false, HttpResponseEncoder::Connection::Persistent);
                    if (out.size() > 1 << 20)
                        out.clear();
                }
            }));

        // --- store thread: acknowledging (group commit) ---
        UlidGenerator ids;
        StoreWorker::Options idleOptions;
        idleOptions.database = url;
        StoreWorker idle(idleOptions, configStore, ids); // never started: newEvent() only needs a context
        IngestContext ctx(configStore, idle, ids, {});
        qint64 next = 0;
        auto eventsFor = [&](qint64 n) {
            QList<EventRecord> list;
            const RuntimeSource *rs = configStore.current()->byToken(kToken);
            for (qint64 i = 0; i < n; ++i, ++next) {
                HttpRequest r = requests.at(next % events);
                r.body = makeBody(fixture, 100000 + next, size); // a fresh idempotency key
                EventRecord e = ctx.newEvent(*rs, r, u"http"_s);
                e.body = r.body;
                e.verificationStatus = u"verified"_s;
                e.parsedBody = QJsonDocument::fromJson(r.body).object(); // as the receiver
                EventPlan::identifyOnReceipt(e, *rs);
                e.parsedBody.reset(); // these rows are processed from the table
                list.append(e);
            }
            return list;
        };
        EventLog log(db);
        for (const int batch : {1, 64, 512}) {
            const qint64 n = batch == 1 ? qMin<qint64>(events, 300) : events;
            QList<EventRecord> list = eventsFor(n);
            bool ok = true;
            const Cost c = measure(n, [&] {
                for (qint64 i = 0; i < n && ok; i += batch) {
                    ok = sqlExec(db, u"BEGIN IMMEDIATE"_s, &error);
                    for (qint64 k = i; k < qMin(n, i + batch) && ok; ++k)
                        ok = log.insertEvent(list[k], &error);
                    ok = ok && sqlExec(db, u"COMMIT"_s, &error);
                }
            });
            if (!ok) {
                std::fprintf(stderr, "insert failed: %s\n", qPrintable(error));
                return 1;
            }
            row(u"store"_s, u"EventLog::insertEvent, %1 per transaction (fsync per commit)"_s.arg(batch), c);
        }
        {
            // The fsync's share: the same group commit without waiting for the disk.
            QList<EventRecord> list = eventsFor(events);
            sqlExec(db, u"PRAGMA synchronous=NORMAL"_s, &error);
            bool ok = true;
            const Cost c = measure(events, [&] {
                for (qint64 i = 0; i < events && ok; i += 64) {
                    ok = sqlExec(db, u"BEGIN IMMEDIATE"_s, &error);
                    for (qint64 k = i; k < qMin(events, i + 64) && ok; ++k)
                        ok = log.insertEvent(list[k], &error);
                    ok = ok && sqlExec(db, u"COMMIT"_s, &error);
                }
            });
            sqlExec(db, u"PRAGMA synchronous=FULL"_s, &error);
            row(u"store"_s, u"what-if: insertEvent, 64 per transaction, synchronous=NORMAL"_s, c);
        }

        // --- store thread: processing (StoreWorker::processPending) ---
        // Every event stored above is `accepted`: process them all the way the
        // worker does when no request is waiting (256 per transaction).
        EventProcessor processor(db, ids);
        qint64 processed = 0;
        double pendingCpu = 0;
        double processCpu = 0;
        qint64 total = 0;
        {
            QSqlQuery q(db);
            q.exec(u"SELECT count(*) FROM events WHERE status = 'accepted'"_s);
            total = q.next() ? q.value(0).toLongLong() : 0;
        }
        const auto snapshot = configStore.current();
        sqlExec(db, u"PRAGMA synchronous=NORMAL"_s, &error); // as the worker's processing commits
        const Cost all = measure(total, [&] {
            for (;;) {
                sqlExec(db, u"BEGIN IMMEDIATE"_s, &error);
                double t = threadCpuUs();
                QList<EventRecord> pending = log.pending(256, &error);
                pendingCpu += threadCpuUs() - t;
                for (EventRecord &e : pending) {
                    QList<ActionRecord> actions;
                    t = threadCpuUs();
                    processor.process(e, *snapshot, actions, QDateTime::currentMSecsSinceEpoch(), &error);
                    processCpu += threadCpuUs() - t;
                    ++processed;
                }
                sqlExec(db, u"COMMIT"_s, &error);
                if (pending.size() < 256)
                    break;
            }
        });
        QHash<QString, qint64> statuses;
        {
            QSqlQuery q(db);
            q.exec(u"SELECT status, count(*) FROM events GROUP BY status"_s);
            while (q.next())
                statuses.insert(q.value(0).toString(), q.value(1).toLongLong());
        }
        if (statuses.value(u"processed"_s) != total) {
            std::fprintf(stderr, "processing did not process every event: %lld of %lld (%s)\n",
                         statuses.value(u"processed"_s), total, qPrintable(error));
            return 1;
        }
        row(u"process"_s, u"processPending: 256 per transaction"_s, all);
        row(u"process"_s, u"  of which: EventLog::pending(256) (reads bodies, parses headers)"_s,
            {pendingCpu / double(processed), 0});
        row(u"process"_s, u"  of which: EventProcessor::process"_s, {processCpu / double(processed), 0});
        {
            // The worker under load: pending(256) read, ~20 ms of work, the
            // rest dropped and read again on the next call.
            QList<EventRecord> list = eventsFor(256);
            sqlExec(db, u"BEGIN IMMEDIATE"_s, &error);
            for (EventRecord &e : list)
                log.insertEvent(e, &error);
            sqlExec(db, u"COMMIT"_s, &error);
            const int calls = 20;
            const Cost c = measure(calls, [&] {
                for (int i = 0; i < calls; ++i)
                    log.pending(256, &error);
            });
            row(u"process"_s, u"EventLog::pending(256), per call (re-read after each yield)"_s, c);
        }
        {
            QList<ActionRecord> actions;
            EventRecord e = eventsFor(1).first();
            row(u"process"_s, u"  of which: buildEvalContext's QJsonDocument::fromJson(body)"_s, measure(events, [&] {
                    for (qint64 i = 0; i < events; ++i)
                        QJsonDocument::fromJson(e.body);
                }));
        }
    }
    Database::close(name);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 events = args.size() > 1 ? args.at(1).toLongLong() : 4000;
    QList<int> sizes;
    for (int i = 2; i < args.size(); ++i)
        sizes.append(args.at(i).toInt());
    if (sizes.isEmpty())
        sizes = {1024, 20480};

    QFile fixtureFile(QFileInfo(QString::fromUtf8(__FILE__))
                          .absoluteDir()
                          .filePath(u"../tests/data/payloads/stripe/invoice.paid.json"_s));
    if (!fixtureFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(fixtureFile.fileName()));
        return 1;
    }
    const QJsonObject fixture = QJsonDocument::fromJson(fixtureFile.readAll()).object();

    std::printf("CPU and wall time per event of each pipeline stage, one thread, %lld events per row\n", events);
    std::printf("%-10s %-62s %10s %10s\n", "stage", "what", "cpu us", "wall us");

    for (const int size : sizes) {
        if (const int rc = runSize(fixture, events, size))
            return rc;
    }
    std::printf("\ncpu us = thread CPU time per event; wall us includes waiting for fsync (group commit) and, on a "
                "shared machine, for a CPU.\n");
    return 0;
}
