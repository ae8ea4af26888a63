#include "ingest/IngestContext.h"

#include "config/RuntimeSource.h"
#include "ingest/RequestDecoding.h"
#include "ingest/SettingsSecrets.h"
#include "ingest/StoreWorker.h"
#include "script/ScriptRunner.h"
#include "util/Gzip.h"
#include "util/Ulid.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

IngestContext::IngestContext(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options)
    : m_config(config)
    , m_worker(worker)
    , m_ids(ids)
    , m_options(std::move(options))
{}

qint64 IngestContext::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

HttpResponse IngestContext::error(int status, const QString &code, const QString &detail)
{
    QJsonObject body{{u"error"_s, code}};
    if (!detail.isEmpty())
        body.insert(u"detail"_s, detail);
    return HttpResponse::json(status, body);
}

HttpResponse IngestContext::unavailable(const QString &detail)
{
    return error(503, u"unavailable"_s, detail).withHeader("Retry-After", "1");
}

HttpResponse IngestContext::overloaded()
{
    return error(429, u"overloaded"_s, u"the ingest queue is full; retry shortly"_s).withHeader("Retry-After", "1");
}

EventRecord IngestContext::newEvent(const RuntimeSource &rs, const HttpRequest &request, const QString &origin)
{
    EventRecord e;
    e.receivedAt = now();
    e.id = u"evt_"_s + QString::fromLatin1(m_ids.next(e.receivedAt));
    e.env = rs.config.env;
    e.source = rs.config.source;
    e.origin = origin;
    e.method = QString::fromLatin1(request.method);
    e.path = QString::fromUtf8(request.path);
    e.query = queryObject(request.query);
    const QString secretHeader = rs.config.settings.verification.scheme == u"shared_header"_s
                                     ? rs.config.settings.verification.effectiveHeader()
                                     : QString();
    e.headers = redactHeaders(headersObject(request), secretHeader);
    e.remoteAddress = request.remoteAddress;
    e.size = request.body.size();
    return e;
}

std::optional<HttpResponse> IngestContext::decodeBody(const HttpRequest &request, EventRecord &event, QByteArray &body)
{
    body = request.body;
    const QByteArray encoding = request.header("content-encoding").trimmed().toLower();
    if (encoding.isEmpty() || encoding == "identity")
        return std::nullopt;
    // Signatures are over the bytes as sent: keep them.
    event.contentEncoding = QString::fromLatin1(encoding);
    event.rawBody = request.body;
    if (encoding != "gzip" && encoding != "x-gzip" && encoding != "deflate") {
        event.status = u"rejected"_s;
        event.statusDetail = u"unsupported Content-Encoding '%1' (gzip and deflate are)"_s.arg(event.contentEncoding);
        return error(415, u"unsupported_encoding"_s, event.statusDetail);
    }
    auto refused = gunzipBody(request.body, m_options.maxBodyBytes, body, &event.statusDetail);
    if (refused)
        event.status = u"rejected"_s;
    return refused;
}

std::optional<HttpResponse> IngestContext::gunzipBody(QByteArrayView compressed, qint64 maxBytes, QByteArray &body,
                                                      QString *why)
{
    GunzipResult decoded = gunzip(compressed, maxBytes);
    if (decoded.status != GunzipResult::Status::Ok) {
        const bool tooLarge = decoded.status == GunzipResult::Status::TooLarge;
        if (why)
            *why = decoded.error;
        return error(tooLarge ? 413 : 400, tooLarge ? u"body_too_large"_s : u"invalid_encoding"_s, decoded.error);
    }
    body = std::move(decoded.data);
    return std::nullopt;
}

ScriptResult IngestContext::preprocess(const SourceSettings &settings, const HttpRequest &request,
                                       const QJsonObject &body, const QByteArray &rawBody, EventRecord &event)
{
    ScriptResult script;
    if (settings.preprocessScript.isEmpty())
        return script;
    ScriptInput input;
    input.vars = settings.scriptVars;
    input.body = body;
    input.rawBody = rawBody;
    input.headers = headersObject(request); // the script sees secrets the log will not
    input.query = event.query;
    script = ScriptRunner::forScript(settings.preprocessScript).run(input);
    // The script sees secrets; the log, verification reasons and responses must not.
    SettingsSecrets::redact(script, settings);
    if (script.ok)
        event.preprocessOutput = script.output;
    else
        event.preprocessError = script.error;
    return script;
}

void IngestContext::store(EventRecord event, HttpResponse response, const HttpResponder &respond)
{
    const bool queued = m_worker.submit(std::move(event), [respond, response](bool stored, const QString &err) {
        respond(stored ? response : unavailable(u"the event could not be stored: "_s + err));
    });
    if (!queued)
        respond(overloaded());
}

bool IngestContext::allowRequest(const RuntimeSource &rs)
{
    const double rate = rs.config.settings.rateLimitPerSecond;
    if (rate <= 0)
        return true;
    // Token bucket: bursts up to one second's worth.
    Bucket &b = m_buckets[rs.config.source + u'/' + rs.config.env];
    const qint64 t = now();
    b.tokens = b.updatedMs == 0 ? rate : qMin(rate, b.tokens + double(t - b.updatedMs) * rate / 1000.0);
    b.updatedMs = t;
    if (b.tokens < 1)
        return false;
    b.tokens -= 1;
    return true;
}

} // namespace inlet
