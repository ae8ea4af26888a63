#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QtGlobal>

#include <optional>

namespace inlet::test {

// One HTTP response read off a raw socket.
struct RawResponse
{
    int status = 0; // 0: no (complete) answer
    QByteArray body;
    QJsonObject json() const;
};

// Takes one complete response (Content-Length framed) off the front of
// `buffer`, which keeps what follows it; nothing while it is incomplete.
std::optional<RawResponse> takeResponse(QByteArray &buffer);

// Sends `request` as it is on a fresh connection to 127.0.0.1:`port` and
// reads one response (status 0 when none came within `timeoutMs`).
RawResponse exchangeRaw(quint16 port, const QByteArray &request, int timeoutMs = 15000);

} // namespace inlet::test
