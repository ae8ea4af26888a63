#include "ingest/PostHogCaptureApi.h"

#include "ingest/BatchReply.h"
#include "ingest/BrowserCors.h"
#include "ingest/ConfigStore.h"
#include "ingest/EventPlan.h"
#include "ingest/IngestContext.h"
#include "ingest/StoreWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// The project API key of a body or of one of its events.
QString keyOf(const QJsonObject &o)
{
    QString key = o.value(u"api_key"_s).toString();
    if (key.isEmpty())
        key = o.value(u"token"_s).toString();
    if (key.isEmpty())
        key = o.value(u"properties"_s).toObject().value(u"token"_s).toString(); // posthog-js puts it there
    return key;
}

// posthog-js (the browser SDK) encodes a request one of three ways (its
// request.ts): JSON; `?compression=gzip-js` with the gzipped JSON sent as
// text/plain, without Content-Encoding; `?compression=base64` with a form
// body `data=<base64 of the JSON, URL-encoded>`. Its old lz64 (LZ-String)
// is refused with a clear error. `body` is the request's body after any
// Content-Encoding was decoded.
std::optional<HttpResponse> unwrapBrowserEncoding(const HttpRequest &request, qint64 maxBytes, QByteArray &body)
{
    const QString compression = QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(u"compression"_s);
    if (compression == u"lz64"_s) {
        return IngestContext::error(415, u"unsupported_encoding"_s,
                                    u"compression=lz64 is not decoded; gzip-js and base64 are"_s);
    }
    if (compression == u"gzip-js"_s || body.startsWith("\x1f\x8b")) {
        const QByteArray compressed = std::move(body);
        return IngestContext::gunzipBody(compressed, maxBytes, body);
    }
    if (!body.startsWith("data="))
        return std::nullopt;
    // A '+' is base64's, not a space: posthog-js encodes it as %2B anyway.
    const qsizetype end = body.indexOf('&');
    const QByteArray data = QByteArray::fromPercentEncoding(body.mid(5, end < 0 ? -1 : end - 5));
    const QByteArray trimmed = data.trimmed();
    if (compression != u"base64"_s && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
        body = data;
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(data, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return IngestContext::error(400, u"invalid_encoding"_s, u"the form's data= is neither JSON nor base64"_s);
    body = std::move(*decoded);
    return std::nullopt;
}

// What PostHog answers once the events are accepted.
HttpResponse accepted()
{
    return HttpResponse::json(200, QJsonObject{{u"status"_s, 1}});
}

// The key is a credential, not data: it is never logged.
QJsonObject withoutKey(QJsonObject o)
{
    o.remove(u"api_key"_s);
    o.remove(u"token"_s);
    if (o.value(u"properties"_s).toObject().contains(u"token"_s)) {
        QJsonObject p = o.value(u"properties"_s).toObject();
        p.remove(u"token"_s);
        o.insert(u"properties"_s, p);
    }
    return o;
}

} // namespace

PostHogCaptureApi::PostHogCaptureApi(IngestContext &context)
    : m_ctx(context)
{}

bool PostHogCaptureApi::handles(const QByteArray &path)
{
    for (const char *route : {"/batch", "/capture", "/e", "/i/v0/e"}) {
        if (path == route || (path.endsWith('/') && path.chopped(1) == route))
            return true;
    }
    return false;
}

const RuntimeSource *PostHogCaptureApi::authenticate(const ConfigSnapshot &snapshot, const QJsonValue &root)
{
    QString key;
    if (root.isObject()) {
        key = keyOf(root.toObject());
        if (key.isEmpty())
            key = keyOf(root.toObject().value(u"batch"_s).toArray().at(0).toObject());
    } else if (root.isArray() && !root.toArray().isEmpty()) {
        key = keyOf(root.toArray().at(0).toObject());
    }
    return key.isEmpty() ? nullptr : snapshot.byWriteKey(key);
}

void PostHogCaptureApi::handle(const HttpRequest &request, const HttpResponder &plainRespond)
{
    const HttpResponder respond = BrowserCors::wrap(request, plainRespond); // posthog-js
    if (BrowserCors::answerUnlessPost(request, respond))
        return;
    const auto snapshot = m_ctx.config().current(); // keeps `rs` alive for this request
    EventRecord scratch;
    QByteArray body;
    if (auto refused = m_ctx.decodeBody(request, scratch, body)) {
        respond(*refused);
        return;
    }
    if (auto refused = unwrapBrowserEncoding(request, m_ctx.maxBodyBytes(), body)) {
        respond(*refused);
        return;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    // The key is in the body: one that does not parse names no source, and
    // is refused like an unknown key (nothing to log it under).
    const RuntimeSource *rs = pe.error == QJsonParseError::NoError ? authenticate(*snapshot, root) : nullptr;
    if (!rs) {
        respond(IngestContext::error(401, u"unknown_source"_s,
                                     pe.error != QJsonParseError::NoError
                                         ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                                         : u"no source configuration has this project API key (\"api_key\")"_s));
        return;
    }
    if (!m_ctx.allowRequest(*rs)) {
        respond(IngestContext::error(429, u"rate_limited"_s).withHeader("Retry-After", "1"));
        return;
    }
    QJsonArray events;
    if (doc.isArray())
        events = doc.array();
    else if (doc.object().value(u"batch"_s).isArray())
        events = doc.object().value(u"batch"_s).toArray();
    else
        events.append(doc.object());
    if (events.isEmpty()) {
        respond(accepted());
        return;
    }
    auto reply = std::make_shared<BatchReply>(int(events.size()), accepted(), respond);
    for (const QJsonValue &v : std::as_const(events)) {
        const QJsonObject event = withoutKey(v.toObject());
        EventRecord e = m_ctx.newEvent(*rs, request, u"http"_s);
        e.verificationStatus = u"verified"_s;
        e.verificationReason = u"authenticated by project API key"_s;
        e.body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        e.size = e.body.size();
        QString why;
        if (!v.isObject())
            why = u"a batch entry is not an event object"_s;
        else if (!event.value(u"event"_s).isString() || event.value(u"event"_s).toString().isEmpty())
            why = u"the event has no name (\"event\")"_s;
        else if (e.body.size() > kMaxEventBytes)
            why = u"the event is %1 bytes, over the limit of %2"_s.arg(e.body.size()).arg(kMaxEventBytes);
        if (!why.isEmpty()) {
            e.status = u"rejected"_s;
            e.statusDetail = why;
        } else {
            e.parsedBody = event;
            m_ctx.preprocess(rs->config.settings, request, event, e.body, e);
            EventPlan::identifyOnReceipt(e, *rs);
        }
        BatchReply::submit(reply, m_ctx.worker(), std::move(e));
    }
}

} // namespace inlet
