#include "ingest/IngestHandler.h"

#include "ingest/ConfigStore.h"
#include "ingest/RequestDecoding.h"
#include "ingest/StoreWorker.h"
#include "script/ScriptRunner.h"
#include "util/Gzip.h"
#include "util/Ulid.h"
#include "verify/Verifier.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

HttpResponse error(int status, const QString &code, const QString &detail = {})
{
    QJsonObject body{{u"error"_s, code}};
    if (!detail.isEmpty())
        body.insert(u"detail"_s, detail);
    return HttpResponse::json(status, body);
}

// The `script` scheme: the preprocess script decides, through `verified`.
VerificationResult scriptVerification(const ScriptResult &script)
{
    if (!script.ok)
        return VerificationResult::failed(script.timedOut ? u"script_timeout"_s : u"script_error"_s,
                                          u"the preprocess script failed: "_s + script.error);
    if (script.output.value(u"verified"_s).toBool(false))
        return VerificationResult::verified();
    const QString why = script.output.value(u"reason"_s).toString();
    return VerificationResult::failed(u"script_rejected"_s,
                                      why.isEmpty() ? u"the preprocess script did not return verified: true"_s
                                                    : u"the preprocess script said: "_s + why);
}

HttpResponse unavailable(const QString &detail)
{
    return error(503, u"unavailable"_s, detail).withHeader("Retry-After", "1");
}

} // namespace

IngestHandler::IngestHandler(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options)
    : m_config(config)
    , m_worker(worker)
    , m_ids(ids)
    , m_options(std::move(options))
{}

qint64 IngestHandler::now() const
{
    return m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
}

void IngestHandler::handle(HttpRequest request, HttpResponder respond)
{
    static constexpr QByteArrayView kReceive = "/integrations/receive/";
    if (request.path == "/healthz") {
        if (request.method != "GET" && request.method != "HEAD") {
            respond(error(405, u"method_not_allowed"_s).withHeader("Allow", "GET, HEAD"));
            return;
        }
        if (!m_worker.healthy()) {
            respond(HttpResponse::json(503,
                                       QJsonObject{{u"status"_s, u"degraded"_s}, {u"detail"_s, m_worker.lastError()}}));
            return;
        }
        respond(HttpResponse::json(200, QJsonObject{{u"status"_s, u"ok"_s}}));
        return;
    }
    if (request.path.startsWith(kReceive)) {
        const QByteArray token = request.path.mid(kReceive.size());
        if (token.isEmpty() || token.contains('/')) {
            respond(error(404, u"unknown_source"_s));
            return;
        }
        if (request.method != "POST") {
            respond(error(405, u"method_not_allowed"_s, u"use POST"_s).withHeader("Allow", "POST"));
            return;
        }
        receive(QString::fromUtf8(token), request, respond);
        return;
    }
    respond(error(404, u"not_found"_s, u"no route for %1"_s.arg(QString::fromUtf8(request.path))));
}

EventRecord IngestHandler::newEvent(const RuntimeSource &rs, const HttpRequest &request)
{
    EventRecord e;
    e.receivedAt = now();
    e.id = u"evt_"_s + QString::fromLatin1(m_ids.next(e.receivedAt));
    e.env = rs.config.env;
    e.source = rs.config.source;
    e.origin = u"http"_s;
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

void IngestHandler::receive(const QString &token, HttpRequest &request, HttpResponder &respond)
{
    const auto snapshot = m_config.current();
    const RuntimeSource *rs = snapshot->byToken(token);
    if (!rs) {
        respond(error(404, u"unknown_source"_s));
        return;
    }
    EventRecord event = newEvent(*rs, request);

    // Signatures are over the bytes as sent; paths see the decoded body.
    QByteArray body = request.body;
    const QByteArray encoding = request.header("content-encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        event.contentEncoding = QString::fromLatin1(encoding);
        event.rawBody = request.body;
        if (encoding != "gzip" && encoding != "x-gzip" && encoding != "deflate") {
            event.status = u"rejected"_s;
            event.statusDetail =
                u"unsupported Content-Encoding '%1' (gzip and deflate are)"_s.arg(event.contentEncoding);
            HttpResponse r = error(415, u"unsupported_encoding"_s, event.statusDetail);
            logAndRespond(std::move(event), std::move(r), respond);
            return;
        }
        GunzipResult decoded = gunzip(request.body, m_options.maxBodyBytes);
        if (decoded.status != GunzipResult::Status::Ok) {
            const bool tooLarge = decoded.status == GunzipResult::Status::TooLarge;
            event.status = u"rejected"_s;
            event.statusDetail = decoded.error;
            logAndRespond(
                std::move(event),
                error(tooLarge ? 413 : 400, tooLarge ? u"body_too_large"_s : u"invalid_encoding"_s, decoded.error),
                respond);
            return;
        }
        body = std::move(decoded.data);
    }
    event.body = body;

    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        event.status = u"rejected"_s;
        event.statusDetail = pe.error != QJsonParseError::NoError
                                 ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                                 : u"the body is JSON but not an object"_s;
        HttpResponse r = error(400, u"invalid_json"_s, event.statusDetail);
        logAndRespond(std::move(event), std::move(r), respond);
        return;
    }

    const SourceSettings &settings = rs->config.settings;
    ScriptResult script;
    if (!settings.preprocessScript.isEmpty()) {
        ScriptInput input;
        input.vars = settings.scriptVars;
        input.body = doc.object();
        input.rawBody = body;
        input.headers = headersObject(request); // the script sees secrets the log will not
        input.query = event.query;
        script = ScriptRunner::forScript(settings.preprocessScript).run(input);
        if (script.ok)
            event.preprocessOutput = script.output;
        else
            event.preprocessError = script.error;
    }

    VerificationResult verification;
    if (settings.verification.scheme == u"script"_s) {
        verification = scriptVerification(script);
    } else {
        VerificationRequest vr;
        vr.headers = &request.headers;
        vr.rawBody = request.body;
        vr.nowMs = event.receivedAt;
        verification = Verifier::verify(settings.verification, vr);
    }
    event.verificationStatus = verification.statusName();
    event.verificationReason = verification.reason;
    if (verification.status == VerificationResult::Status::Failed && rs->config.settings.enforceVerification) {
        event.status = u"rejected"_s;
        event.statusDetail = u"verification failed: "_s + verification.reason;
        logAndRespond(std::move(event), error(401, u"verification_failed"_s, verification.reason), respond);
        return;
    }
    const QString id = event.id;
    logAndRespond(std::move(event), HttpResponse::json(200, QJsonObject{{u"id"_s, id}, {u"status"_s, u"accepted"_s}}),
                  respond);
}

void IngestHandler::logAndRespond(EventRecord event, HttpResponse response, HttpResponder &respond)
{
    HttpResponder r = respond;
    const bool queued = m_worker.submit(std::move(event), [r, response](bool stored, const QString &err) {
        r(stored ? response : unavailable(u"the event could not be stored: "_s + err));
    });
    if (!queued)
        respond(
            error(429, u"overloaded"_s, u"the ingest queue is full; retry shortly"_s).withHeader("Retry-After", "1"));
}

} // namespace inlet
