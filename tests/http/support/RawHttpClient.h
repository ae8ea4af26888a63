#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <optional>

namespace inlet::test {

// One response as read off the wire by RawHttpClient.
struct RawHttpResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
};

// A deliberately dumb HTTP client over a QTcpSocket: writes exactly the
// bytes a test gives it and parses just enough of the responses (status,
// headers, Content-Length body) to check them. Runs on the test's thread,
// so every wait spins the event loop for the server living there too.
class RawHttpClient final
{
    Q_DISABLE_COPY_MOVE(RawHttpClient)
public:
    RawHttpClient();

    bool connectTo(quint16 port, int timeoutMs = 5000);
    // Writes and waits until the bytes have left the socket.
    bool send(const QByteArray &bytes, int timeoutMs = 5000);
    // Writes in pieces of `piece` bytes, each flushed before the next.
    bool sendInPieces(const QByteArray &bytes, qsizetype piece, int timeoutMs = 5000);
    // The next complete response; `head`: the request was HEAD (no body).
    std::optional<RawHttpResponse> readResponse(bool head = false, int timeoutMs = 5000);
    // Waits until the server has closed the connection.
    bool waitForClosed(int timeoutMs = 5000);
    bool isClosed() const;
    void disconnect() { m_socket.abort(); }
    // Bytes received and not consumed by readResponse().
    QByteArray pending() const { return m_buffer; }
    QTcpSocket &socket() { return m_socket; }

private:
    std::optional<RawHttpResponse> tryParse(bool head);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace inlet::test
