#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace inlet {

// One parsed HTTP/1.1 request, independent of sockets.
struct HttpRequest
{
    QByteArray method;                             // "POST"
    QByteArray target;                             // request-target as sent: "/a/b?x=1"
    QByteArray path;                               // percent-decoded path without the query: "/a/b"
    QByteArray query;                              // raw query string without '?': "x=1"
    QList<QPair<QByteArray, QByteArray>> headers;  // names lower-cased, values as sent, in order
    QByteArray body;                               // de-chunked, still content-encoded
    QString remoteAddress;                         // "127.0.0.1:51234"
    bool keepAlive = true;

    // First value of a header (name compared case-insensitively), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};

} // namespace inlet
