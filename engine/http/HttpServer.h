#pragma once

#include "http/HttpServerLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>

class QTcpServer;
class QTcpSocket;
class QTimer;

namespace inlet {

class HttpConnection;
class RequestHandler;
struct HttpServerShared;

// HTTP/1.1 server: accepts connections, parses requests with limits, and
// hands each complete request to the RequestHandler on this object's
// thread. Responses may come from any thread (see HttpResponder).
class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)
public:
    // `handler` is not owned and must outlive the server.
    explicit HttpServer(RequestHandler *handler, HttpServerLimits limits = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    bool isListening() const;
    quint16 serverPort() const;
    QHostAddress serverAddress() const;
    QString errorString() const;
    const HttpServerLimits &limits() const { return m_limits; }

    // Stops accepting. Open connections answer what was handed to the
    // handler (the last response says "Connection: close") and close; idle
    // ones close at once. Requests not yet handed to the handler are dropped.
    void close();
    int connectionCount() const;

    // Requests handed to the handler and not answered yet (any thread).
    int inFlight() const;

    // While paused every request is answered 503 {"error":"paused"}
    // without reaching the handler. Any thread.
    void setPaused(bool paused);
    bool isPaused() const;

Q_SIGNALS:
    // inFlight() dropped to zero (queued, so it may already be non-zero
    // again when a receiver checks; emitted only if it is zero at emission).
    void idle();
    // A connection closed (connectionCount() already updated).
    void connectionClosed();

private:
    void acceptConnections();
    void reject(QTcpSocket *socket);
    void onConnectionFinished(HttpConnection *connection);
    void sweep();

    RequestHandler *m_handler;
    HttpServerLimits m_limits;
    std::shared_ptr<HttpServerShared> m_shared;
    QTcpServer *m_tcpServer;
    QTimer *m_sweepTimer;
    QSet<HttpConnection *> m_connections;
};

} // namespace inlet
