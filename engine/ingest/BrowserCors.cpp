#include "ingest/BrowserCors.h"

#include "ingest/IngestContext.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

HttpResponder BrowserCors::wrap(const HttpRequest &request, HttpResponder respond)
{
    const QByteArray origin = request.header("origin");
    if (origin.isEmpty())
        return respond;
    return [origin, respond = std::move(respond)](HttpResponse r) {
        respond(std::move(r.withHeader("Access-Control-Allow-Origin", origin)
                              .withHeader("Access-Control-Allow-Credentials", "true")
                              .withHeader("Vary", "Origin")));
    };
}

bool BrowserCors::answerUnlessPost(const HttpRequest &request, const HttpResponder &respond)
{
    if (request.method == "POST")
        return false;
    if (request.method != "OPTIONS") {
        respond(IngestContext::error(405, u"method_not_allowed"_s, u"use POST"_s).withHeader("Allow", "POST, OPTIONS"));
        return true;
    }
    HttpResponse r;
    r.status = 204;
    r.withHeader("Allow", "POST, OPTIONS")
        .withHeader("Access-Control-Allow-Methods", "POST, OPTIONS")
        .withHeader("Access-Control-Max-Age", "86400");
    const QByteArray asked = request.header("access-control-request-headers");
    if (!asked.isEmpty())
        r.withHeader("Access-Control-Allow-Headers", asked);
    respond(std::move(r));
    return true;
}

} // namespace inlet
