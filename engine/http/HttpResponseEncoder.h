#pragma once

#include "http/HttpResponse.h"

#include <QByteArray>

namespace inlet {

// Serialises HttpResponses into HTTP/1.1 wire format. Stateless apart from a
// per-thread cache of the Date header, which changes once a second.
class HttpResponseEncoder final
{
public:
    enum class Connection { Persistent, KeepAlive, Close }; // none / "keep-alive" / "close"

    // Appends the status line, headers and (unless `headRequest` or the
    // status forbids one) the body to `out`.
    static void append(QByteArray &out, const HttpResponse &response, bool headRequest, Connection connection);
    static QByteArray interimContinue();
    // IMF-fixdate of the current second, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static QByteArray httpDate();
};

} // namespace inlet
