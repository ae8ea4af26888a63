#include "RawHttpClient.h"

#include <QHostAddress>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

QByteArray RawHttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

RawHttpClient::RawHttpClient()
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { m_buffer += m_socket.readAll(); });
}

bool RawHttpClient::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
}

bool RawHttpClient::send(const QByteArray &bytes, int timeoutMs)
{
    if (m_socket.write(bytes) != bytes.size())
        return false;
    return QTest::qWaitFor([this] { return m_socket.bytesToWrite() == 0; }, timeoutMs);
}

bool RawHttpClient::sendInPieces(const QByteArray &bytes, qsizetype piece, int timeoutMs)
{
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        if (!send(bytes.mid(at, piece), timeoutMs))
            return false;
        // Let the server read this piece on its own before the next arrives.
        QCoreApplication::processEvents();
    }
    return true;
}

std::optional<RawHttpResponse> RawHttpClient::tryParse(bool head)
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RawHttpResponse response;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
        return std::nullopt;
    response.status = statusLine.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            response.headers.append(
                {lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed()});
    }
    qsizetype length = 0;
    const bool bodyless = head || response.status < 200 || response.status == 204 || response.status == 304;
    if (!bodyless)
        length = response.header("content-length").toLongLong();
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    response.body = m_buffer.mid(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    return response;
}

std::optional<RawHttpResponse> RawHttpClient::readResponse(bool head, int timeoutMs)
{
    std::optional<RawHttpResponse> response;
    // The outcome is in `response`; timing out just leaves it empty.
    [[maybe_unused]] const bool done = QTest::qWaitFor(
        [&] {
            response = tryParse(head);
            return response.has_value() || (isClosed() && m_socket.bytesAvailable() == 0);
        },
        timeoutMs);
    if (!response)
        response = tryParse(head);
    return response;
}

bool RawHttpClient::isClosed() const
{
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool RawHttpClient::waitForClosed(int timeoutMs)
{
    return QTest::qWaitFor([this] { return isClosed(); }, timeoutMs);
}

} // namespace inlet::test
