#include "http/HttpServer.h"

#include "http/HttpConnection.h"
#include "http/HttpResponseEncoder.h"
#include "http/HttpServerShared.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

constexpr int kListenBacklog = 1024; // bursts of new clients under load
constexpr int kRejectTimeoutMs = 2000;

} // namespace

HttpServer::HttpServer(RequestHandler *handler, HttpServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(handler)
    , m_limits(limits)
    , m_shared(std::make_shared<HttpServerShared>())
    , m_tcpServer(new QTcpServer(this))
    , m_sweepTimer(new QTimer(this))
{
    m_shared->server = this;
    m_tcpServer->setListenBacklogSize(kListenBacklog);
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
    // One timer for all connections instead of one per connection: timeouts
    // need no precision finer than a fraction of their length.
    const int shortest = std::min(m_limits.idleTimeoutMs, m_limits.readTimeoutMs);
    m_sweepTimer->setInterval(std::clamp(shortest / 4, 10, 1000));
    connect(m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweep);
}

HttpServer::~HttpServer()
{
    // Responders answering after this point find no server to notify.
    QMutexLocker lock(&m_shared->mutex);
    m_shared->server = nullptr;
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer->listen(address, port);
}

bool HttpServer::isListening() const
{
    return m_tcpServer->isListening();
}

quint16 HttpServer::serverPort() const
{
    return m_tcpServer->serverPort();
}

QHostAddress HttpServer::serverAddress() const
{
    return m_tcpServer->serverAddress();
}

QString HttpServer::errorString() const
{
    return m_tcpServer->errorString();
}

void HttpServer::close()
{
    m_tcpServer->close();
    // drain() may finish a connection synchronously, which edits the set.
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections)
        connection->drain();
}

int HttpServer::connectionCount() const
{
    return int(m_connections.size());
}

int HttpServer::inFlight() const
{
    return m_shared->inFlight.load();
}

void HttpServer::setPaused(bool paused)
{
    m_shared->paused.store(paused);
}

bool HttpServer::isPaused() const
{
    return m_shared->paused.load();
}

void HttpServer::acceptConnections()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        if (m_connections.size() >= m_limits.maxConnections) {
            reject(socket);
            continue;
        }
        auto *connection = new HttpConnection(socket, m_handler, m_limits, m_shared, this);
        m_connections.insert(connection);
        connect(connection, &HttpConnection::finished, this, &HttpServer::onConnectionFinished);
        connection->start();
    }
    if (!m_connections.isEmpty() && !m_sweepTimer->isActive())
        m_sweepTimer->start();
}

void HttpServer::reject(QTcpSocket *socket)
{
    // Over the cap: a short answer instead of a silent reset tells clients
    // and load balancers what happened. No request is read.
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(kRejectTimeoutMs, socket, &QTcpSocket::abort);
    QByteArray out;
    HttpResponseEncoder::append(out, HttpResponse::json(503, R"({"error":"too_many_connections"})"_ba), false,
                                HttpResponseEncoder::Connection::Close);
    socket->write(out);
    socket->disconnectFromHost();
}

void HttpServer::onConnectionFinished(HttpConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    connection->deleteLater();
    if (m_connections.isEmpty())
        m_sweepTimer->stop();
    Q_EMIT connectionClosed();
}

void HttpServer::sweep()
{
    const qint64 now = m_shared->nowMs();
    // A sweep may close connections, which edits the set.
    const QList<HttpConnection *> connections = m_connections.values();
    for (HttpConnection *connection : connections)
        connection->sweep(now);
}

} // namespace inlet
