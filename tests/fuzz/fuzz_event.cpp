// libFuzzer target: the JSON-to-event path. The body goes the way a webhook
// body goes: bounded gunzip (when the first input byte asks), JSON parse,
// and for an object the whole EventProcessor (event type, timestamp,
// idempotency key, mappings with conditions, actions) against an in-memory
// SQLite database, inside a transaction rolled back after each input so the
// database does not grow. Input: one flag byte, then the body.
//   bit 0: the body is gzip-compressed (decoded with a 64 KiB limit)
//   bit 1: the event belongs to the stripe-template source, else to the
//          custom source with hand-written mappings
#include "config/ConfigRepository.h"
#include "config/ConfigSnapshot.h"
#include "config/Configuration.h"
#include "config/TemplateRegistry.h"
#include "ingest/EventContext.h"
#include "ingest/EventProcessor.h"
#include "logs/EventLog.h"
#include "mapping/PathExpression.h"
#include "store/Database.h"
#include "store/SqlExec.h"
#include "util/Gzip.h"
#include "util/Ulid.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 kGunzipLimit = 64 * 1024;
constexpr qint64 kNow = 1735689630000;

const QByteArray kConfig = R"({
  "version": 1,
  "workflows": {"development": ["w"]},
  "sources": [
    {"key": "stripe", "template": "stripe", "environments": {"development": {
      "token": "tok_fuzz_stripe_1",
      "settings": {"enforce_verification": false, "verification": {"scheme": "none"}}}}},
    {"key": "c", "template": "custom", "environments": {"development": {
      "token": "tok_fuzz_custom_1",
      "settings": {"enforce_verification": false, "verification": {"scheme": "none"},
                   "idempotency_key_path": "body.id", "timestamp_path": "body.at"},
      "mappings": [
        {"event_type": "t", "action_type": "users_identify",
         "action_parameters": {"id": "body.user", "email": {"path": "body.email", "default": "x@example.com"},
                               "properties": {"coalesce": ["body.props", "body.traits", {"value": {}}]}}},
        {"event_type": "t", "action_type": "workflows_trigger", "when": {"path": "body.go", "equals": true},
         "action_parameters": {"key": "w", "recipients": "body.recipients", "data": "body"}},
        {"event_type": "t", "action_type": "objects_set",
         "action_parameters": {"collection": "body.kind", "id": {"template": "o-{{body.n}}"},
                               "properties": "body.items[*].p"}},
        {"event_type": "t", "action_type": "tenants_set", "action_parameters": {"id": "body.tenant"}},
        {"event_type": "gone", "action_type": "users_delete", "action_parameters": {"id": "body[\"u.id\"]"}}
      ]}}}]})";

struct World
{
    QSqlDatabase db;
    std::shared_ptr<const inlet::ConfigSnapshot> snapshot;
    inlet::UlidGenerator ids;
    std::vector<inlet::PathExpression> paths;
};

void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "%s %s\n", what, qPrintable(detail));
    std::abort();
}

World &world()
{
    static World *w = [] {
        auto *w = new World;
        QString error;
        w->db = inlet::Database::open(inlet::DatabaseUrl::parse(u"sqlite::memory:"_s), u"fuzz"_s, &error);
        if (!w->db.isValid() || !inlet::Database::migrate(w->db, &error))
            fail("database:", error);
        inlet::ConfigRepository repo(w->db);
        repo.ensureDefaults(&error);
        inlet::ConfigErrors errors;
        const auto config =
            inlet::Configuration::parse(kConfig, inlet::TemplateRegistry::instance(), repo.environmentKeys(), errors);
        if (!config)
            fail("configuration:", errors.joined());
        w->snapshot = inlet::ConfigSnapshot::build(*config, 1);
        for (const QString &p : {u"body.type"_s, u"body.data.object.id"_s, u"body.items[*].id"_s, u"body[\"a.b\"][0]"_s,
                                 u"headers.content-type"_s, u"query.x"_s, u"body.a[*].b[*].c"_s})
            w->paths.push_back(inlet::PathExpression::compile(p));
        return w;
    }();
    return *w;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    World &w = world();
    const quint8 flags = data[0];
    QByteArray body = QByteArrayView(data + 1, qsizetype(size - 1)).toByteArray();
    if (flags & 1) {
        inlet::GunzipResult decoded = inlet::gunzip(body, kGunzipLimit);
        if (decoded.data.size() > kGunzipLimit)
            fail("gunzip exceeded its limit");
        if (decoded.status != inlet::GunzipResult::Status::Ok)
            return 0;
        body = std::move(decoded.data);
    }

    inlet::EventRecord event;
    event.receivedAt = kNow;
    event.id = u"evt_"_s + QString::fromLatin1(w.ids.next(kNow));
    event.env = u"development"_s;
    event.source = (flags & 2) ? u"stripe"_s : u"c"_s;
    event.headers = QJsonObject{{u"content-type"_s, u"application/json"_s}};
    event.query = QJsonObject{{u"x"_s, u"1"_s}};
    event.body = body;

    inlet::EvalContext context;
    QString why;
    if (!inlet::buildEvalContext(event, context, &why))
        return 0;
    for (const inlet::PathExpression &p : w.paths)
        (void)p.evaluate(context);
    // The receiver stores only objects for processing; others are rejected.
    if (!context.body.isObject())
        return 0;

    QString error;
    if (!inlet::sqlExec(w.db, u"BEGIN IMMEDIATE"_s, &error))
        fail("begin:", error);
    inlet::EventLog log(w.db);
    if (!log.insertEvent(event, &error))
        fail("insert:", error);
    inlet::EventProcessor processor(w.db, w.ids);
    QList<inlet::ActionRecord> actions;
    if (!processor.process(event, *w.snapshot, actions, kNow, &error))
        fail("process:", error);
    if (event.status == u"accepted"_s)
        fail("an event left processing still accepted");
    inlet::sqlExec(w.db, u"ROLLBACK"_s, nullptr);
    return 0;
}
