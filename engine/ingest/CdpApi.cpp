#include "ingest/CdpApi.h"

#include "ingest/BatchReply.h"
#include "ingest/BrowserCors.h"
#include "ingest/ConfigStore.h"
#include "ingest/IngestContext.h"
#include "ingest/StoreWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QStringList &messageTypes()
{
    static const QStringList types = {u"identify"_s, u"track"_s, u"group"_s, u"page"_s, u"screen"_s, u"alias"_s};
    return types;
}

HttpResponse success()
{
    return HttpResponse::json(200, QJsonObject{{u"success"_s, true}});
}

} // namespace

CdpApi::CdpApi(IngestContext &context)
    : m_ctx(context)
{}

QByteArray CdpApi::routeKind(const QByteArray &path)
{
    // Jitsu's SDKs post to /api/s/{type} (/api/s/s2s/{type} server to
    // server) and cannot be pointed at another path.
    for (const QByteArrayView prefix : {QByteArrayView("/api/s/s2s/"), QByteArrayView("/api/s/")}) {
        if (path.startsWith(prefix)) {
            const QByteArray kind = path.mid(prefix.size());
            return messageTypes().contains(QString::fromLatin1(kind)) ? kind : QByteArray();
        }
    }
    if (!path.startsWith("/v1/"))
        return {};
    const QByteArray kind = path.mid(4);
    return kind == "batch" || kind == "import" || messageTypes().contains(QString::fromLatin1(kind)) ? kind
                                                                                                     : QByteArray();
}

bool CdpApi::handles(const QByteArray &path) const
{
    return !routeKind(path).isEmpty();
}

QString CdpApi::eventType(const QJsonObject &message, QString *error)
{
    const QString type = message.value(u"type"_s).toString();
    if (!messageTypes().contains(type)) {
        *error = message.contains(u"type"_s) ? u"unknown message type '%1'"_s.arg(type) : u"the message has no type"_s;
        return {};
    }
    if (type == u"track"_s) {
        const QString event = message.value(u"event"_s).toString();
        if (event.isEmpty()) {
            *error = u"a track message needs an event name (\"event\")"_s;
            return {};
        }
        return u"track/"_s + event;
    }
    return type;
}

const RuntimeSource *CdpApi::authenticate(const ConfigSnapshot &snapshot, const HttpRequest &request,
                                          const QJsonObject &body)
{
    const QByteArray auth = request.header("authorization");
    if (auth.startsWith("Basic ") || auth.startsWith("basic ")) {
        // Segment's SDKs send "<key>:" (no password); a Jitsu key is itself
        // "<id>:<secret>" and may come as user name and password.
        const QString decoded = QString::fromUtf8(QByteArray::fromBase64(auth.mid(6).trimmed()));
        const qsizetype colon = decoded.indexOf(u':');
        if (const RuntimeSource *rs = snapshot.byWriteKey(colon < 0 ? decoded : decoded.left(colon)))
            return rs;
        if (colon >= 0 && colon < decoded.size() - 1)
            return snapshot.byWriteKey(decoded);
        return nullptr;
    }
    QString key = QString::fromUtf8(request.header("x-write-key"));
    if (key.isEmpty())
        key = body.value(u"writeKey"_s).toString();
    if (key.isEmpty())
        key = QUrlQuery(QString::fromUtf8(request.query)).queryItemValue(u"writeKey"_s, QUrl::FullyDecoded);
    if (key.isEmpty())
        return nullptr;
    return snapshot.byWriteKey(key);
}

void CdpApi::handle(const HttpRequest &request, const HttpResponder &plainRespond)
{
    const HttpResponder respond = BrowserCors::wrap(request, plainRespond);
    if (BrowserCors::answerUnlessPost(request, respond))
        return;
    const auto snapshot = m_ctx.config().current(); // keeps `rs` alive for this request
    // The body is needed to authenticate by `writeKey`; decode it first
    // (RudderStack gzips whatever its Content-Type says).
    EventRecord scratch;
    QByteArray body;
    if (auto refused = m_ctx.decodeBody(request, scratch, body)) {
        respond(*refused);
        return;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    const QJsonObject root = doc.object();
    const RuntimeSource *rs = authenticate(*snapshot, request, root);
    if (!rs) {
        respond(IngestContext::error(401, u"unknown_source"_s,
                                     u"no source configuration has this write key (HTTP Basic user name,"
                                     " X-Write-Key or writeKey)"_s));
        return;
    }
    if (!m_ctx.allowRequest(*rs)) {
        respond(IngestContext::error(429, u"rate_limited"_s).withHeader("Retry-After", "1"));
        return;
    }
    const QByteArray kind = routeKind(request.path);
    const bool batch = kind == "batch" || kind == "import";
    auto rejectWhole = [&](int status, const QString &code, const QString &detail) {
        EventRecord e = m_ctx.newEvent(*rs, request, u"http"_s);
        e.body = body;
        e.rawBody = scratch.rawBody;
        if (root.contains(u"writeKey"_s)) {
            // The write key is a credential: log the body without it (and
            // without the encoded bytes, which hold it too).
            QJsonObject redacted = root;
            redacted.insert(u"writeKey"_s, u"[redacted]"_s);
            e.body = QJsonDocument(redacted).toJson(QJsonDocument::Compact);
            e.rawBody.clear();
        }
        e.contentEncoding = scratch.contentEncoding;
        e.verificationStatus = u"verified"_s;
        e.status = u"rejected"_s;
        e.statusDetail = detail;
        m_ctx.store(std::move(e), IngestContext::error(status, code, detail), respond);
    };
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        rejectWhole(400, u"invalid_json"_s,
                    pe.error != QJsonParseError::NoError
                        ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                        : u"the body is JSON but not an object"_s);
        return;
    }
    if (body.size() > (batch ? kMaxBatchBytes : kMaxMessageBytes)) {
        rejectWhole(400, u"too_large"_s,
                    u"%1 of %2 bytes is over the limit of %3 bytes"_s.arg(batch ? u"the batch"_s : u"the message"_s)
                        .arg(body.size())
                        .arg(batch ? kMaxBatchBytes : kMaxMessageBytes));
        return;
    }

    QList<QJsonObject> messages;
    if (batch) {
        const QJsonValue list = root.value(u"batch"_s);
        if (!list.isArray()) {
            rejectWhole(400, u"invalid_batch"_s, u"a batch needs a \"batch\" array of messages"_s);
            return;
        }
        for (const QJsonValue &v : list.toArray())
            messages.append(v.toObject());
    } else {
        QJsonObject message = root;
        message.remove(u"writeKey"_s);
        if (!message.contains(u"type"_s))
            message.insert(u"type"_s, QString::fromLatin1(kind));
        messages.append(message);
    }
    if (messages.isEmpty()) {
        respond(success());
        return;
    }
    auto reply = std::make_shared<BatchReply>(int(messages.size()), success(), respond);
    const QJsonObject batchContext = root.value(u"context"_s).toObject();
    for (QJsonObject message : std::as_const(messages)) {
        message.remove(u"writeKey"_s); // a credential, not data: never logged
        // Batch-level context fills in what a message leaves out.
        if (!batchContext.isEmpty() && !message.contains(u"context"_s))
            message.insert(u"context"_s, batchContext);
        EventRecord e = m_ctx.newEvent(*rs, request, u"http"_s);
        e.verificationStatus = u"verified"_s;
        e.verificationReason = u"authenticated by write key"_s;
        e.body = QJsonDocument(message).toJson(QJsonDocument::Compact);
        e.size = e.body.size();
        QString why;
        const QString type = message.isEmpty() ? QString() : eventType(message, &why);
        if (message.isEmpty())
            why = u"a batch entry is not a message object"_s;
        else if (e.body.size() > kMaxMessageBytes)
            why = u"the message is %1 bytes, over the limit of %2"_s.arg(e.body.size()).arg(kMaxMessageBytes);
        if (!why.isEmpty()) {
            e.status = u"rejected"_s;
            e.statusDetail = why;
        } else {
            e.eventType = type;
            e.parsedBody = message;
            m_ctx.preprocess(rs->config.settings, request, message, e.body, e);
            if (!e.preprocessOutput.contains(u"event_type"_s))
                e.preprocessOutput.insert(u"event_type"_s, type);
        }
        BatchReply::submit(reply, m_ctx.worker(), std::move(e));
    }
}

} // namespace inlet
