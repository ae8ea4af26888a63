#pragma once

#include "http/HttpRequest.h"
#include "http/HttpResponse.h"

#include <functional>

namespace inlet {

// Sends the response to one request. May be invoked from any thread, exactly
// once; the connection writes responses in request order (pipelining) and
// silently drops the response if the client has gone away.
using HttpResponder = std::function<void(HttpResponse)>;

// The one thing the transport knows about the application: routing,
// verification and storage live behind this interface.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;
    // Called on the server's thread for every complete request.
    virtual void handle(HttpRequest request, HttpResponder respond) = 0;
};

} // namespace inlet
