// Event-log browsing with a large log: builds (once) a database of N realistic
// events with their actions through engine/logs EventLog, then measures the
// queries the desktop app's log models run (EventLog::events with a LogFilter
// and keyset paging, the page's action counts, EventLog::countEvents), and
// `inletd serve` startup to listening on an empty database and on this one.
//
// Usage: bench_logs [--data-dir DIR] [--events N] [--rebuild] [--runs R]
//                   [--inletd PATH] [--no-memory]
//   --data-dir  where the database lives (DIR/inlet.sqlite); reused when it
//               already holds N events [/tmp/inlet-bench-logs]
//   --events    events to generate [1000000]
//   --runs      timed repetitions per query; the table shows the first
//               and the median [5]
//   --inletd    an inletd binary: also measure startup to listening
//   --no-memory skip loading every page (the model scrolled to the end)
//
// See bench/logs/run.sh and docs/benchmarks.md.
#include "config/ConfigRepository.h"
#include "logs/EventLog.h"
#include "logs/LogFilter.h"
#include "logs/SearchIndex.h"
#include "store/Database.h"
#include "store/DatabaseUrl.h"
#include "store/SqlExec.h"
#include "util/Ulid.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

constexpr qint64 kDayMs = 86400LL * 1000;
constexpr int kPageSize = 200; // EventLogModel's default page
constexpr int kCustomers = 50000;

// --- generation ---------------------------------------------------------------

struct Kind
{
    const char *source;
    const char *type;
    int weight; // per mille of events
};

// Event types by source, roughly as a SaaS sees them.
const Kind kKinds[] = {
    {"stripe", "invoice.paid", 120},        {"stripe", "invoice.created", 120},
    {"stripe", "customer.created", 60},     {"stripe", "customer.subscription.updated", 60},
    {"stripe", "charge.succeeded", 40},     {"clerk", "user.created", 80},
    {"clerk", "user.updated", 90},          {"clerk", "organization.created", 30},
    {"segment", "identify", 100},           {"segment", "track/Order Completed", 100},
    {"segment", "track/Page Viewed", 80},   {"custom", "user.signed_up", 70},
    {"custom", "subscription.renewed", 50},
};

QByteArray hex(std::mt19937_64 &rng, int n)
{
    static const char digits[] = "0123456789abcdef";
    QByteArray s(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        s[i] = digits[rng() & 15];
    return s;
}

QByteArray alnum(std::mt19937_64 &rng, int n)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray s(n, Qt::Uninitialized);
    for (int i = 0; i < n; ++i)
        s[i] = digits[rng() % 62];
    return s;
}

QByteArray customerId(int c)
{
    return "cus_" + QByteArray::number(c).rightJustified(5, '0');
}

QByteArray email(const char *who, int c)
{
    return who + QByteArray::number(c).rightJustified(5, '0') + "@example.com";
}

struct Generated
{
    EventRecord event;
    QList<ActionRecord> actions;
};

class Generator
{
public:
    Generator(qint64 count, qint64 endMs)
        : m_count(count)
        , m_startMs(endMs - 28 * kDayMs)
        , m_endMs(endMs)
    {
        for (const Kind &k : kKinds)
            m_totalWeight += k.weight;
    }

    Generated next(qint64 index)
    {
        Generated g;
        EventRecord &e = g.event;
        const Kind &kind = pickKind();
        const int customer = int(m_rng() % kCustomers);
        e.receivedAt = m_startMs + (m_endMs - m_startMs) * index / m_count;
        e.id = u"evt_"_s + QString::fromLatin1(m_ids.next(e.receivedAt));
        e.env = (m_rng() % 10) < 8 ? u"production"_s : u"development"_s;
        e.source = QString::fromLatin1(kind.source);
        e.origin = u"http"_s;
        e.method = u"POST"_s;
        e.path = u"/integrations/receive/tok_"_s + e.source + u"_"_s + e.env.left(4) + u"_Xk29fQ81mZ"_s;
        e.remoteAddress = u"54.187.%1.%2:%3"_s.arg(m_rng() % 256).arg(m_rng() % 256).arg(40000 + m_rng() % 20000);
        const qint64 created = e.receivedAt / 1000 - 2;
        const QByteArray body = makeBody(kind, customer, created);
        e.body = body;
        e.size = body.size();
        e.headers = headers(kind, body.size(), created);
        e.timestamp = QString::number(created);
        e.eventType = QString::fromLatin1(kind.type);
        e.verificationStatus = u"verified"_s;

        // Statuses: processed 86%, unmapped 7%, failed 3%, idempotent 2%, rejected 2%.
        const int roll = int(m_rng() % 100);
        e.processingMs = 0.2 + double(m_rng() % 2000) / 1000.0;
        e.processedAt = e.receivedAt + 3 + qint64(m_rng() % 40);
        if (kind.source == std::string_view("stripe"))
            e.idempotencyKey = QJsonDocument::fromJson(body).object().value(u"id"_s).toString();
        else if (kind.source == std::string_view("segment"))
            e.idempotencyKey = QString::fromLatin1(m_lastMessageId);
        if (roll < 2) {
            e.status = u"rejected"_s;
            e.verificationStatus = u"failed"_s;
            e.verificationReason = u"no signature matched: expected HMAC-SHA256(secret, t + \".\" + raw body) in hex; "
                                   "the request's t=%1 is within the 300 s tolerance"_s.arg(created);
            e.statusDetail = u"verification failed: "_s + e.verificationReason;
            e.eventType.clear();
            e.timestamp.clear();
            e.idempotencyKey.clear();
            e.processingMs = -1;
            e.processedAt = 0;
        } else if (roll < 4 && !e.idempotencyKey.isEmpty()) {
            e.status = u"idempotent"_s;
            e.replayOf = u"evt_"_s + QString::fromLatin1(m_ids.next(e.receivedAt - 60000));
            e.statusDetail =
                u"duplicate of %1 (idempotency key '%2'); no actions run"_s.arg(e.replayOf, e.idempotencyKey);
        } else if (roll < 11) {
            e.status = u"unmapped"_s;
            e.statusDetail = u"no mapping for event type '%1'"_s.arg(e.eventType);
        } else {
            g.actions = actions(e, kind, customer, body, roll < 14);
            const auto failed = std::count_if(g.actions.begin(), g.actions.end(),
                                              [](const ActionRecord &a) { return a.status != u"success"_s; });
            e.status = failed ? u"failed"_s : u"processed"_s;
            e.statusDetail = failed ? u"%1 of %2 actions failed"_s.arg(failed).arg(g.actions.size())
                                    : u"%1 actions succeeded"_s.arg(g.actions.size());
        }
        return g;
    }

private:
    const Kind &pickKind()
    {
        int r = int(m_rng() % m_totalWeight);
        for (const Kind &k : kKinds) {
            if (r < k.weight)
                return k;
            r -= k.weight;
        }
        return kKinds[0];
    }

    QByteArray makeBody(const Kind &kind, int c, qint64 created)
    {
        const std::string_view source = kind.source;
        const QByteArray type = kind.type;
        const QByteArray ts = QByteArray::number(created);
        const QByteArray amount = QByteArray::number(500 + (m_rng() % 200) * 100);
        if (source == "stripe") {
            const QByteArray obj = type.startsWith("invoice")      ? "invoice"
                                   : type.startsWith("charge")     ? "charge"
                                   : type.contains("subscription") ? "subscription"
                                                                   : "customer";
            const QByteArray objectId = obj == "customer" ? customerId(c)
                                                          : (obj == "invoice"  ? "in_1"
                                                             : obj == "charge" ? "ch_3"
                                                                               : "sub_1") +
                                                                alnum(m_rng, 23);
            return R"({"id":"evt_1)" + alnum(m_rng, 23) +
                   R"(","object":"event","api_version":"2023-10-16","created":)" + ts + R"(,"data":{"object":{"id":")" +
                   objectId + R"(","object":")" + obj +
                   R"(","account_country":"US","account_name":"Acme Inc.","amount_due":)" + amount +
                   R"(,"amount_paid":)" + amount +
                   R"(,"amount_remaining":0,"attempt_count":1,"attempted":true,"billing_reason":"subscription_cycle","collection_method":"charge_automatically","created":)" +
                   ts + R"(,"currency":"usd","customer":")" + customerId(c) + R"(","customer_email":")" +
                   email("customer", c) + R"(","customer_name":"Customer )" + QByteArray::number(c) +
                   R"(","hosted_invoice_url":"https://invoice.stripe.com/i/acct_1Nv0FGQ9RKHgCVdK/live_)" +
                   alnum(m_rng, 40) + R"(","lines":{"object":"list","data":[{"id":"il_1)" + alnum(m_rng, 23) +
                   R"(","object":"line_item","amount":)" + amount + R"(,"currency":"usd","description":"1 × Pro at )" +
                   amount + R"( per month","period":{"end":)" + QByteArray::number(created + 2592000) + R"(,"start":)" +
                   ts + R"(},"price":{"id":"price_1NvPro)" + alnum(m_rng, 12) +
                   R"(","product":"prod_OjPro","unit_amount":)" + amount +
                   R"(},"quantity":1}],"has_more":false,"total_count":1},"metadata":{"order_id":"ord_)" +
                   hex(m_rng, 12) + R"("},"paid":true,"status":"paid","subscription":"sub_1)" + alnum(m_rng, 23) +
                   R"("}},"livemode":true,"pending_webhooks":1,"request":{"id":"req_)" + alnum(m_rng, 14) +
                   R"(","idempotency_key":")" + hex(m_rng, 8) + "-" + hex(m_rng, 4) + "-" + hex(m_rng, 4) + "-" +
                   hex(m_rng, 12) + R"("},"type":")" + type + R"("})";
        }
        if (source == "clerk") {
            if (type.startsWith("organization"))
                return R"({"data":{"id":"org_2)" + alnum(m_rng, 26) + R"(","name":"Team )" + QByteArray::number(c) +
                       R"(","slug":"team-)" + QByteArray::number(c) + R"(","created_at":)" + ts +
                       R"(000,"created_by":"user_2)" + QByteArray::number(c).rightJustified(26, '0') +
                       R"(","members_count":1,"public_metadata":{},"object":"organization"},"object":"event","timestamp":)" +
                       ts + R"(000,"type":")" + type + R"("})";
            return R"({"data":{"id":"user_2)" + QByteArray::number(c).rightJustified(26, '0') +
                   R"(","object":"user","email_addresses":[{"email_address":")" + email("user", c) +
                   R"(","id":"idn_2)" + alnum(m_rng, 26) +
                   R"(","object":"email_address","verification":{"status":"verified","strategy":"email_code"}}],"first_name":"Ada","last_name":"User)" +
                   QByteArray::number(c) + R"(","image_url":"https://img.clerk.com/)" + alnum(m_rng, 48) +
                   R"(","created_at":)" + ts + R"(000,"updated_at":)" + ts +
                   R"(000,"last_sign_in_at":null,"public_metadata":{"plan":"pro"},"private_metadata":{},"unsafe_metadata":{}},"object":"event","timestamp":)" +
                   ts + R"(000,"type":")" + type + R"("})";
        }
        if (source == "segment") {
            m_lastMessageId = "ajs-next-" + hex(m_rng, 32);
            const QByteArray context =
                R"("context":{"ip":"82.14.)" + QByteArray::number(m_rng() % 256) + "." +
                QByteArray::number(m_rng() % 256) +
                R"(","library":{"name":"analytics.js","version":"next-1.53.0"},"locale":"en-GB","page":{"path":"/checkout","url":"https://app.example.com/checkout"},"userAgent":"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36"})";
            const QByteArray common =
                R"("messageId":")" + m_lastMessageId + R"(","userId":"user_)" + QByteArray::number(c) +
                R"(","anonymousId":")" + hex(m_rng, 8) + "-" + hex(m_rng, 4) + "-" + hex(m_rng, 4) + "-" +
                hex(m_rng, 12) + R"(","timestamp":")" +
                QDateTime::fromSecsSinceEpoch(created, Qt::UTC).toString(Qt::ISODate).toLatin1() + R"(",)" + context;
            if (type == "identify")
                return R"({"type":"identify",)" + common + R"(,"traits":{"email":")" + email("user", c) +
                       R"(","name":"User )" + QByteArray::number(c) + R"(","plan":"pro","company":{"id":"acme_)" +
                       QByteArray::number(c % 997) + R"(","name":"Acme )" + QByteArray::number(c % 997) + R"("}}})";
            const QByteArray event = type.mid(6);
            return R"({"type":"track","event":")" + event + R"(",)" + common + R"(,"properties":{"order_id":"ord_)" +
                   hex(m_rng, 12) + R"(","total":)" + amount + R"(,"currency":"EUR","products":[{"product_id":"sku_)" +
                   QByteArray::number(m_rng() % 5000) + R"(","name":"Widget","price":)" + amount +
                   R"(,"quantity":1}]}})";
        }
        return R"({"type":")" + type + R"(","id":"msg_)" + hex(m_rng, 20) + R"(","occurred_at":)" + ts +
               R"(,"user":{"id":"u_)" + QByteArray::number(c) + R"(","email":")" + email("user", c) +
               R"(","plan":"pro"},"account":{"id":"acct_)" + QByteArray::number(c % 997) + R"("}})";
    }

    QJsonObject headers(const Kind &kind, qsizetype size, qint64 created)
    {
        QJsonObject h{
            {u"host"_s, u"hooks.example.com"_s},          {u"content-type"_s, u"application/json; charset=utf-8"_s},
            {u"content-length"_s, QString::number(size)}, {u"accept"_s, u"*/*; q=0.5, application/xml"_s},
            {u"x-forwarded-for"_s, u"54.187.216.72"_s},   {u"x-forwarded-proto"_s, u"https"_s}};
        const std::string_view source = kind.source;
        if (source == "stripe") {
            h.insert(u"user-agent"_s, u"Stripe/1.0 (+https://stripe.com/docs/webhooks)"_s);
            h.insert(u"stripe-signature"_s, u"t=%1,v1=%2"_s.arg(created).arg(QString::fromLatin1(hex(m_rng, 64))));
        } else if (source == "clerk") {
            h.insert(u"user-agent"_s, u"Svix-Webhooks/1.17.0"_s);
            h.insert(u"svix-id"_s, QString(u"msg_2"_s + QString::fromLatin1(alnum(m_rng, 26))));
            h.insert(u"svix-timestamp"_s, QString::number(created));
            h.insert(u"svix-signature"_s, QString(u"v1,"_s + QString::fromLatin1(alnum(m_rng, 43)) + u"="_s));
        } else if (source == "segment") {
            h.insert(u"user-agent"_s, u"Segment.io/1.0"_s);
            h.insert(u"x-signature"_s, QString::fromLatin1(hex(m_rng, 40)));
        } else {
            h.insert(u"user-agent"_s, u"my-app/2.3 (+https://example.com)"_s);
            h.insert(u"x-webhook-secret"_s, u"[redacted]"_s);
        }
        return h;
    }

    QList<ActionRecord> actions(const EventRecord &e, const Kind &kind, int c, const QByteArray &body, bool fail)
    {
        QList<ActionRecord> out;
        const std::string_view source = kind.source;
        const QByteArray type = kind.type;
        auto add = [&](const QString &actionType, QJsonObject parameters, QJsonObject payload, QJsonObject result) {
            ActionRecord a;
            a.id = u"act_"_s + QString::fromLatin1(m_ids.next(e.processedAt));
            a.eventId = e.id;
            a.env = e.env;
            a.source = e.source;
            a.eventType = e.eventType;
            a.actionType = actionType;
            a.mappingIndex = int(out.size());
            a.actionParameters = std::move(parameters);
            a.actionPayload = std::move(payload);
            a.actionResult = std::move(result);
            a.status = u"success"_s;
            a.executedAt = e.processedAt;
            a.durationUs = 40 + qint64(m_rng() % 400);
            out.append(a);
        };
        const QString userId = source == "stripe"  ? QString::fromLatin1(customerId(c))
                               : source == "clerk" ? u"user_2"_s + QString::number(c).rightJustified(26, u'0')
                                                   : u"user_"_s + QString::number(c);
        const QString mail = QString::fromLatin1(email(source == "stripe" ? "customer" : "user", c));
        auto identify = [&] {
            add(u"users_identify"_s,
                {{u"id"_s, u"body.data.object.customer"_s}, {u"email"_s, u"body.data.object.customer_email"_s}},
                {{u"id"_s, userId}, {u"email"_s, mail}}, {{u"user_id"_s, userId}, {u"created"_s, false}});
        };
        auto trigger = [&](const QString &key, bool wholeBody) {
            QJsonObject data = wholeBody ? QJsonDocument::fromJson(body).object()
                                         : QJsonObject{{u"order"_s, QString(u"ord_"_s + QString::number(c))}};
            add(u"workflows_trigger"_s,
                {{u"key"_s, key}, {u"recipients"_s, u"body.data.object.customer"_s}, {u"data"_s, u"body"_s}},
                {{u"key"_s, key}, {u"recipients"_s, userId}, {u"data"_s, data}},
                {{u"workflow_run_id"_s, QString(u"run_"_s + QString::fromLatin1(m_ids.next(e.processedAt)))},
                 {u"recipients"_s, QJsonArray{userId}}});
        };
        if (source == "stripe") {
            if (type.startsWith("invoice")) {
                identify();
                trigger(QString::fromLatin1(type).replace(u'.', u'-'), true);
            } else {
                identify();
            }
        } else if (source == "clerk" || type == "identify") {
            identify();
        } else if (source == "segment") {
            trigger(u"order-completed"_s, false);
        } else {
            identify();
            trigger(u"welcome"_s, false);
        }
        if (fail) {
            ActionRecord &a = out.last();
            a.status = u"error"_s;
            a.actionResult = {};
            a.error = u"workflow '%1' does not exist in environment '%2'"_s.arg(
                a.actionPayload.value(u"key"_s).toString(u"welcome"_s), e.env);
            a.errorParameter = u"key"_s;
        }
        return out;
    }

    std::mt19937_64 m_rng{20250101};
    UlidGenerator m_ids;
    qint64 m_count;
    qint64 m_startMs;
    qint64 m_endMs;
    int m_totalWeight = 0;
    QByteArray m_lastMessageId;
};

qint64 countRows(QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT count(*) FROM "_s + table) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

bool build(const QString &dir, qint64 count)
{
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    const DatabaseUrl url = DatabaseUrl::parse(u"sqlite:"_s + dir + u"/inlet.sqlite"_s);
    const QString name = Database::uniqueConnectionName(u"bench-build"_s);
    QString error;
    bool ok = true;
    {
        QSqlDatabase db = Database::open(url, name, &error);
        if (!db.isValid() || !Database::migrate(db, &error) || !ConfigRepository(db).ensureDefaults(&error)) {
            std::fprintf(stderr, "cannot create the database: %s\n", qPrintable(error));
            return false;
        }
        Generator gen(count, QDateTime::currentMSecsSinceEpoch() - 60000);
        EventLog log(db);
        constexpr qint64 kTxn = 20000;
        qint64 actions = 0;
        qint64 eventNs = 0;
        qint64 actionNs = 0;
        QElapsedTimer total;
        total.start();
        QElapsedTimer t;
        for (qint64 i = 0; i < count && ok; ++i) {
            if (i % kTxn == 0)
                ok = sqlExec(db, u"BEGIN IMMEDIATE"_s, &error);
            Generated g = gen.next(i);
            t.start();
            ok = ok && log.insertEvent(g.event, &error);
            eventNs += t.nsecsElapsed();
            t.start();
            for (ActionRecord &a : g.actions)
                ok = ok && log.insertAction(a, &error);
            actionNs += t.nsecsElapsed();
            actions += g.actions.size();
            if (ok && (i % kTxn == kTxn - 1 || i == count - 1)) {
                ok = sqlExec(db, u"COMMIT"_s, &error);
                if ((i + 1) % 200000 == 0 || i == count - 1)
                    std::fprintf(stderr, "  %lld events, %lld actions, %.0f s\n", i + 1, actions,
                                 total.elapsed() / 1000.0);
            }
        }
        if (ok) {
            std::printf("built %lld events and %lld actions in %.1f s: EventLog::insertEvent %.1f us/event, "
                        "insertAction %.1f us/action (one transaction per %lld events)\n",
                        count, actions, total.elapsed() / 1000.0, eventNs / 1000.0 / double(count),
                        actions ? actionNs / 1000.0 / double(actions) : 0.0, kTxn);
            // No ANALYZE: a real Inlet database has no planner statistics.
            sqlExec(db, u"PRAGMA wal_checkpoint(TRUNCATE)"_s, nullptr);
        } else {
            std::fprintf(stderr, "build failed: %s\n", qPrintable(error));
        }
    }
    Database::close(name);
    return ok;
}

// --- queries ------------------------------------------------------------------

// EventLogModel::readPage: the page, then its events' action counts
// (models/log/EventLogModel.cpp countActions, the same SQL).
int readPage(QSqlDatabase &db, const LogFilter &f, qint64 *lastSeq)
{
    QString error;
    const QList<EventRecord> events = EventLog(db).events(f, false, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "query failed: %s\n", qPrintable(error));
        return -1;
    }
    if (!events.isEmpty()) {
        QStringList marks(events.size(), u"?"_s);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT event_id, count(*) FROM actions WHERE event_id IN ("_s + marks.join(u',') +
                  u") GROUP BY event_id"_s);
        for (const EventRecord &e : events)
            q.addBindValue(e.id);
        QHash<QString, int> counts;
        if (q.exec()) {
            while (q.next())
                counts.insert(q.value(0).toString(), q.value(1).toInt());
        }
        if (lastSeq)
            *lastSeq = events.constLast().seq;
    }
    return int(events.size());
}

struct Timing
{
    double firstMs = 0;
    double medianMs = 0;
};

Timing timeIt(int runs, const std::function<void()> &fn)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        fn();
        ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    Timing out;
    out.firstMs = ms.first();
    std::sort(ms.begin(), ms.end());
    out.medianMs = ms.at(ms.size() / 2);
    return out;
}

qint64 rssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// --- startup ------------------------------------------------------------------

// Milliseconds from starting `inletd serve` to its "listening on" line; -1 on failure.
double startupMs(const QString &inletd, const QString &dataDir)
{
    QProcess p;
    p.setProgram(inletd);
    // Retention off: the bench database must survive the server.
    p.setArguments(
        {u"--data-dir"_s, dataDir, u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--retention-days"_s, u"0"_s});
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start();
    QByteArray out;
    double ms = -1;
    while (t.elapsed() < 30000 && p.waitForReadyRead(30000)) {
        out += p.readAllStandardOutput();
        if (out.contains("listening on")) {
            ms = double(t.nsecsElapsed()) / 1e6;
            break;
        }
    }
    p.terminate();
    if (!p.waitForFinished(15000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    return ms;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {u"data-dir"_s, u"Database directory."_s, u"DIR"_s, u"/tmp/inlet-bench-logs"_s},
        {u"events"_s, u"Events to generate."_s, u"N"_s, u"1000000"_s},
        {u"rebuild"_s, u"Rebuild the database even if it exists."_s},
        {u"runs"_s, u"Timed repetitions per query."_s, u"R"_s, u"5"_s},
        {u"inletd"_s, u"inletd binary: also measure startup."_s, u"PATH"_s},
        {u"no-memory"_s, u"Skip loading every page."_s},
    });
    parser.addHelpOption();
    parser.process(app);
    const QString dir = QFileInfo(parser.value(u"data-dir"_s)).absoluteFilePath();
    const qint64 count = parser.value(u"events"_s).toLongLong();
    const int runs = qMax(1, parser.value(u"runs"_s).toInt());

    // --- the database ---
    const DatabaseUrl url = DatabaseUrl::parse(u"sqlite:"_s + dir + u"/inlet.sqlite"_s);
    bool reuse = false;
    if (!parser.isSet(u"rebuild"_s) && QFileInfo::exists(url.path)) {
        const QString name = Database::uniqueConnectionName(u"bench-check"_s);
        {
            QString error;
            QSqlDatabase db = Database::open(url, name, &error);
            reuse = db.isValid() && countRows(db, u"events"_s) == count;
        }
        Database::close(name);
    }
    if (reuse) {
        std::printf("reusing %s (%lld events)\n", qPrintable(url.path), count);
    } else {
        std::printf("building %s with %lld events...\n", qPrintable(url.path), count);
        std::fflush(stdout);
        if (!build(dir, count))
            return 1;
    }

    const QString name = Database::uniqueConnectionName(u"bench-read"_s);
    QString error;
    QSqlDatabase db = Database::open(url, name, &error);
    if (!db.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    if (!Database::migrate(db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    {
        // A database from before the search index (or a fresh build) gets it
        // here, as the store worker would build it behind ingestion.
        QElapsedTimer t;
        t.start();
        qint64 indexed = 0;
        for (;;) {
            if (!sqlExec(db, u"BEGIN IMMEDIATE"_s, &error))
                break;
            const int n = SearchIndex::indexMore(db, 20000, qint64(1) << 40, &error);
            sqlExec(db, n > 0 ? u"COMMIT"_s : u"ROLLBACK"_s, nullptr);
            if (n <= 0)
                break;
            indexed += n;
        }
        if (!error.isEmpty()) {
            std::fprintf(stderr, "search index: %s\n", qPrintable(error));
            return 1;
        }
        if (indexed > 0)
            std::printf("search index: %lld events indexed in %.1f s (%.1f us/event)\n", indexed,
                        double(t.elapsed()) / 1000, double(t.nsecsElapsed()) / 1000 / double(indexed));
    }
    const qint64 events = countRows(db, u"events"_s);
    const qint64 actions = countRows(db, u"actions"_s);
    const qint64 bytes = QFileInfo(url.path).size();
    std::printf("database: %lld events, %lld actions, %.0f MB\n", events, actions, double(bytes) / 1e6);

    // A seq near the oldest end: the model scrolled almost to the bottom.
    qint64 deepSeq = 0;
    qint64 minSeq = 0;
    {
        QSqlQuery q(db);
        q.exec(u"SELECT min(seq), max(seq) FROM events"_s);
        if (q.next()) {
            minSeq = q.value(0).toLongLong();
            deepSeq = minSeq + (q.value(1).toLongLong() - minSeq) / 10; // 90% of the way down
        }
    }
    qint64 lastReceived = 0;
    {
        QSqlQuery q(db);
        q.exec(u"SELECT max(received_at) FROM events"_s);
        if (q.next())
            lastReceived = q.value(0).toLongLong();
    }

    struct Case
    {
        QString name;
        LogFilter filter;
    };
    auto base = [] {
        LogFilter f;
        f.env = u"production"_s; // the GUI always browses one environment
        f.limit = kPageSize;
        return f;
    };
    QList<Case> cases;
    cases.append({u"first page (no filter)"_s, base()});
    {
        LogFilter f = base();
        f.beforeSeq = deepSeq;
        cases.append({u"page 90% down (beforeSeq)"_s, f});
    }
    {
        LogFilter f = base();
        f.source = u"stripe"_s;
        cases.append({u"source = stripe"_s, f});
        f.source = u"custom"_s;
        cases.append({u"source = custom (12%)"_s, f});
    }
    {
        LogFilter f = base();
        f.eventType = u"invoice.paid"_s;
        cases.append({u"type = invoice.paid"_s, f});
        f.eventType = u"organization.created"_s;
        cases.append({u"type = organization.created (3%)"_s, f});
    }
    {
        LogFilter f = base();
        f.status = u"failed"_s;
        cases.append({u"status = failed (3%)"_s, f});
        f.beforeSeq = deepSeq;
        cases.append({u"status = failed, 90% down"_s, f});
    }
    {
        LogFilter f = base();
        f.sinceMs = lastReceived - 3600 * 1000;
        cases.append({u"time: last hour"_s, f});
        f.sinceMs = lastReceived - 14 * kDayMs;
        f.untilMs = lastReceived - 13 * kDayMs;
        cases.append({u"time: one day, 2 weeks ago"_s, f});
    }
    {
        LogFilter f = base();
        f.source = u"stripe"_s;
        f.status = u"failed"_s;
        f.sinceMs = lastReceived - 7 * kDayMs;
        cases.append({u"source+status+last 7 days"_s, f});
    }
    {
        LogFilter f = base();
        f.search = u"customer00042@example.com"_s;
        cases.append({u"search: one customer's email"_s, f});
        f.search = u"Order Completed"_s;
        cases.append({u"search: common text"_s, f});
        f.search = u"no-such-text-anywhere"_s;
        cases.append({u"search: no match"_s, f});
    }
    {
        LogFilter f = base();
        QString err;
        f.setWhere(u"body.data.object.customer=\"cus_00042\""_s, &err);
        cases.append({u"where body.data.object.customer = cus_00042"_s, f});
        f.setWhere(u"body.type=\"invoice.paid\""_s, &err);
        cases.append({u"where body.type = invoice.paid"_s, f});
        f = base();
        f.setWhere(u"headers.user-agent=\"Segment.io/1.0\""_s, &err);
        cases.append({u"where headers.user-agent = Segment.io/1.0"_s, f});
    }

    std::printf("\nEvent log queries through EventLog (the log models' code), page = %d rows, %d runs each, "
                "warm OS cache\n",
                kPageSize, runs);
    std::printf("%-44s %6s %10s %10s %12s %10s %10s\n", "case", "rows", "page 1st", "page med", "count", "cnt 1st",
                "cnt med");
    for (const Case &c : cases) {
        int rows = 0;
        const Timing page = timeIt(runs, [&] { rows = readPage(db, c.filter, nullptr); });
        qint64 n = 0;
        const Timing cnt = timeIt(runs, [&] { n = EventLog(db).countEvents(c.filter); });
        std::printf("%-44s %6d %8.1fms %8.1fms %12lld %8.1fms %8.1fms\n", qPrintable(c.name), rows, page.firstMs,
                    page.medianMs, n, cnt.firstMs, cnt.medianMs);
        std::fflush(stdout);
    }
    {
        LogFilter all;
        const Timing cnt = timeIt(runs, [&] { EventLog(db).countEvents(all); });
        std::printf("%-44s %6s %10s %10s %12lld %8.1fms %8.1fms\n", "row count, every environment", "", "", "",
                    EventLog(db).countEvents(all), cnt.firstMs, cnt.medianMs);
    }

    if (!parser.isSet(u"no-memory"_s)) {
        // What EventLogModel holds with the view scrolled to the end: every
        // row's EventRecord (no bodies), read page by page.
        const qint64 before = rssKb();
        QList<EventRecord> rows;
        LogFilter f = base();
        QElapsedTimer t;
        t.start();
        for (;;) {
            const QList<EventRecord> page = EventLog(db).events(f, false, &error);
            rows.append(page);
            if (page.size() < f.limit)
                break;
            f.beforeSeq = page.constLast().seq;
        }
        const qint64 after = rssKb();
        std::printf("\nscrolled to the end (production, %lld rows, %lld pages): %.1f s, +%.0f MB resident "
                    "(%.0f bytes/row) for the EventRecords the model keeps\n",
                    qint64(rows.size()), qint64(rows.size() / kPageSize + 1), t.elapsed() / 1000.0,
                    double(after - before) / 1024.0,
                    double(after - before) * 1024.0 / double(qMax<qsizetype>(1, rows.size())));
    }
    db = QSqlDatabase();
    Database::close(name);

    if (parser.isSet(u"inletd"_s)) {
        const QString inletd = parser.value(u"inletd"_s);
        QTemporaryDir empty;
        QList<double> emptyMs;
        double created = -1;
        for (int i = 0; i < runs + 1; ++i) {
            const double ms = startupMs(inletd, empty.path());
            if (i == 0)
                created = ms; // creates the database and applies the schema
            else
                emptyMs.append(ms);
        }
        QList<double> bigMs;
        for (int i = 0; i < runs; ++i)
            bigMs.append(startupMs(inletd, dir));
        std::printf("\ninletd serve start to \"listening on\" (median of %d):\n", runs);
        std::printf("  new database (created, schema applied): %8.1f ms\n", created);
        std::printf("  empty database:                         %8.1f ms\n", median(emptyMs));
        const QByteArray label = QByteArray::number(events) + " events:";
        std::printf("  %-39s %8.1f ms\n", label.constData(), median(bigMs));
    }
    return 0;
}
