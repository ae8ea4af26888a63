#include "ingest/Replayer.h"

#include "ingest/EventProcessor.h"
#include "ingest/SettingsSecrets.h"
#include "logs/EventLog.h"
#include "script/ScriptRunner.h"
#include "store/SqlDialect.h"
#include "store/SqlExec.h"
#include "util/Ulid.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
Replayer::Replayer(QSqlDatabase db, UlidGenerator &ids)
    : m_db(std::move(db))
    , m_ids(ids)
{}

std::optional<Replayer::Result> Replayer::replay(const QString &eventId, const ConfigSnapshot &config, QString *error)
{
    EventLog log(m_db);
    const auto original = log.event(eventId);
    if (!original) {
        *error = u"no event with id '%1'"_s.arg(eventId);
        return std::nullopt;
    }
    if (original->status == u"rejected"_s) {
        *error =
            u"event %1 was rejected (%2); only accepted events can be replayed"_s.arg(eventId, original->statusDetail);
        return std::nullopt;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    EventRecord e = *original;
    e.seq = 0;
    e.id = u"evt_"_s + QString::fromLatin1(m_ids.next(now));
    e.receivedAt = now;
    e.origin = u"replay"_s;
    e.replayOf = original->id;
    e.status = u"accepted"_s;
    e.statusDetail.clear();
    if (!original->typeFromRoute())
        e.eventType.clear();
    e.timestamp.clear();
    e.idempotencyKey.clear();
    e.processingMs = -1;
    e.processedAt = 0;
    const QString begin = SqlDialect::of(m_db).beginWrite();
    if (!sqlExec(m_db, begin, error))
        return std::nullopt;
    if (!log.insertEvent(e, error) || !sqlExec(m_db, u"COMMIT"_s, error)) {
        sqlExec(m_db, u"ROLLBACK"_s, nullptr);
        return std::nullopt;
    }
    Result result;
    if (!sqlExec(m_db, begin, error))
        return std::nullopt;
    // A running engine may have processed it between the two transactions
    // (or be processing it: claim() waits for that one to finish).
    const auto stored = log.claim(e.id);
    if (stored && stored->status == u"accepted"_s) {
        EventProcessor processor(m_db, m_ids);
        result.event = *stored;
        if (!processor.process(result.event, config, result.actions, now, error)) {
            sqlExec(m_db, u"ROLLBACK"_s, nullptr);
            return std::nullopt;
        }
    }
    if (!sqlExec(m_db, u"COMMIT"_s, error)) {
        sqlExec(m_db, u"ROLLBACK"_s, nullptr);
        return std::nullopt;
    }
    if (result.event.id.isEmpty()) {
        result.event = log.event(e.id).value_or(e);
        result.actions = log.actionsForEvent(e.id);
    }
    return result;
}

std::optional<Replayer::Result> Replayer::rehearse(const QString &source, const QString &env,
                                                   const QJsonObject &payload, const ConfigSnapshot &config,
                                                   QString *error)
{
    if (!config.find(source, env)) {
        *error = u"source '%1' has no configuration in environment '%2'"_s.arg(source, env);
        return std::nullopt;
    }
    EventRecord e;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    e.id = u"evt_"_s + QString::fromLatin1(m_ids.next(now));
    e.receivedAt = now;
    e.env = env;
    e.source = source;
    e.origin = u"rehearse"_s;
    const bool wrapped = payload.contains(u"body"_s) &&
                         (payload.size() == 1 || payload.contains(u"headers"_s) || payload.contains(u"query"_s));
    const QJsonObject body = wrapped ? payload.value(u"body"_s).toObject() : payload;
    if (wrapped) {
        const QJsonObject headers = payload.value(u"headers"_s).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            e.headers.insert(it.key().toLower(), it.value());
        e.query = payload.value(u"query"_s).toObject();
    }
    e.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    e.size = e.body.size();
    const SourceSettings &settings = config.find(source, env)->config.settings;
    if (!settings.preprocessScript.isEmpty()) {
        ScriptInput input{settings.scriptVars, body, e.body, e.headers, e.query};
        ScriptResult script = ScriptRunner::forScript(settings.preprocessScript).run(input);
        SettingsSecrets::redact(script, settings); // as on ingestion
        if (script.ok)
            e.preprocessOutput = script.output;
        else
            e.preprocessError = script.error;
    }
    return rehearseEvent(e, config, error);
}

std::optional<Replayer::Result> Replayer::rehearseEvent(const EventRecord &event, const ConfigSnapshot &config,
                                                        QString *error)
{
    Result result;
    result.event = event;
    result.event.origin = u"rehearse"_s;
    result.event.status = u"accepted"_s;
    if (!sqlExec(m_db, u"BEGIN"_s, error))
        return std::nullopt;
    EventProcessor processor(m_db, m_ids);
    processor.setWriteLogs(false);
    const bool ok = processor.process(result.event, config, result.actions, QDateTime::currentMSecsSinceEpoch(), error);
    sqlExec(m_db, u"ROLLBACK"_s, nullptr); // a rehearsal changes nothing
    if (!ok)
        return std::nullopt;
    return result;
}

} // namespace inlet
