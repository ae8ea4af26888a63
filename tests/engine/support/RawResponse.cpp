#include "support/RawResponse.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QList>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

QJsonObject RawResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

std::optional<RawResponse> takeResponse(QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QByteArray head = buffer.left(end);
    qsizetype length = 0;
    for (const QByteArray &line : head.split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (buffer.size() < end + 4 + length)
        return std::nullopt;
    RawResponse r;
    r.status = head.mid(9, 3).toInt();
    r.body = buffer.mid(end + 4, length);
    buffer.remove(0, end + 4 + length);
    return r;
}

RawResponse exchangeRaw(quint16 port, const QByteArray &request, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray buffer;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (auto r = takeResponse(buffer))
            return *r;
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))) &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += socket.readAll();
    }
    return takeResponse(buffer).value_or(RawResponse{});
}

} // namespace inlet::test
