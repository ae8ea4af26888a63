#pragma once

#include "http/RequestHandler.h"

namespace inlet {

// CORS for the routes browser SDKs post to (analytics.js, Jitsu, Freshpaint,
// RudderStack JS, posthog-js): they post from the site's origin, some with
// credentials, so the origin is echoed (a credentialed request may not be
// answered with "*"). The REST subset, called by servers, answers none.
class BrowserCors final
{
public:
    // `respond` with the CORS headers added when the request has an Origin.
    static HttpResponder wrap(const HttpRequest &request, HttpResponder respond);

    // Answers anything but a POST: a preflight (OPTIONS) with 204 allowing
    // POST and the headers it asks for (Content-Type, X-Write-Key,
    // Authorization...), any other method with 405. False for a POST, which
    // the caller handles.
    static bool answerUnlessPost(const HttpRequest &request, const HttpResponder &respond);
};

} // namespace inlet
