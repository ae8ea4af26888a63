#include "ingest/WebhookReceiver.h"

#include "ingest/ConfigStore.h"
#include "ingest/EventPlan.h"
#include "ingest/IngestContext.h"
#include "verify/Verifier.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

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

} // namespace

WebhookReceiver::WebhookReceiver(IngestContext &context)
    : m_ctx(context)
{}

void WebhookReceiver::receive(const QString &token, const HttpRequest &request, const HttpResponder &respond)
{
    const auto snapshot = m_ctx.config().current();
    const RuntimeSource *rs = snapshot->byToken(token);
    if (!rs) {
        respond(IngestContext::error(404, u"unknown_source"_s));
        return;
    }
    EventRecord event = m_ctx.newEvent(*rs, request, u"http"_s);
    QByteArray body;
    if (auto refused = m_ctx.decodeBody(request, event, body)) {
        event.body = body;
        m_ctx.store(std::move(event), std::move(*refused), respond);
        return;
    }
    event.body = body;

    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        event.status = u"rejected"_s;
        event.statusDetail = pe.error != QJsonParseError::NoError
                                 ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                                 : u"the body is JSON but not an object"_s;
        HttpResponse r = IngestContext::error(400, u"invalid_json"_s, event.statusDetail);
        m_ctx.store(std::move(event), std::move(r), respond);
        return;
    }

    const SourceSettings &settings = rs->config.settings;
    const ScriptResult script = m_ctx.preprocess(settings, request, doc.object(), body, event);
    // Also for a request refused below: its log row says what it claimed to be.
    event.parsedBody = doc.object();
    EventPlan::identifyOnReceipt(event, *rs);
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
    if (verification.status == VerificationResult::Status::Failed && settings.enforceVerification) {
        event.status = u"rejected"_s;
        event.statusDetail = u"verification failed: "_s + verification.reason;
        m_ctx.store(std::move(event), IngestContext::error(401, u"verification_failed"_s, verification.reason),
                    respond);
        return;
    }
    const QString id = event.id;
    m_ctx.store(std::move(event), HttpResponse::json(200, QJsonObject{{u"id"_s, id}, {u"status"_s, u"accepted"_s}}),
                respond);
}

} // namespace inlet
