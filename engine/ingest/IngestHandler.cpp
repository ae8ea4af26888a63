#include "ingest/IngestHandler.h"

#include "ingest/StoreWorker.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

IngestHandler::IngestHandler(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options)
    : m_ctx(config, worker, ids, std::move(options))
    , m_webhooks(m_ctx)
    , m_cdp(m_ctx)
    , m_posthog(m_ctx)
    , m_rest(m_ctx)
{}

void IngestHandler::handle(HttpRequest request, HttpResponder respond)
{
    static constexpr QByteArrayView kReceive = "/integrations/receive/";
    if (request.path == "/healthz") {
        if (request.method != "GET" && request.method != "HEAD") {
            respond(IngestContext::error(405, u"method_not_allowed"_s).withHeader("Allow", "GET, HEAD"));
            return;
        }
        if (!m_ctx.worker().healthy()) {
            respond(HttpResponse::json(
                503, QJsonObject{{u"status"_s, u"degraded"_s}, {u"detail"_s, m_ctx.worker().lastError()}}));
            return;
        }
        respond(HttpResponse::json(200, QJsonObject{{u"status"_s, u"ok"_s}}));
        return;
    }
    if (request.path.startsWith(kReceive)) {
        const QByteArray token = request.path.mid(kReceive.size());
        if (token.isEmpty() || token.contains('/')) {
            respond(IngestContext::error(404, u"unknown_source"_s));
            return;
        }
        if (request.method != "POST") {
            respond(IngestContext::error(405, u"method_not_allowed"_s, u"use POST"_s).withHeader("Allow", "POST"));
            return;
        }
        m_webhooks.receive(QString::fromUtf8(token), request, respond);
        return;
    }
    if (m_cdp.handles(request.path)) {
        m_cdp.handle(request, respond);
        return;
    }
    if (PostHogCaptureApi::handles(request.path)) {
        m_posthog.handle(request, respond);
        return;
    }
    if (m_rest.handles(request.path)) {
        m_rest.handle(request, respond);
        return;
    }
    respond(IngestContext::error(404, u"not_found"_s, u"no route for %1"_s.arg(QString::fromUtf8(request.path))));
}

} // namespace inlet
