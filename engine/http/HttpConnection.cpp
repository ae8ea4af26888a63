#include "http/HttpConnection.h"

#include "http/HttpConnectionHandle.h"
#include "http/HttpResponderState.h"
#include "http/HttpResponseEncoder.h"
#include "http/HttpServerShared.h"
#include "http/RequestHandler.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QMetaObject>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

constexpr qsizetype kReadChunk = 16 * 1024;
// Qt's own buffer in front of ours; bounding it is what makes "stop
// reading" push back on the client through TCP flow control.
constexpr qint64 kSocketReadBuffer = 64 * 1024;
// How long to keep draining a client's input after an error response, so
// that closing does not reset the connection before it has read our answer.
constexpr qint64 kLingerMs = 2000;

QString formatPeer(const QTcpSocket *socket)
{
    QHostAddress address = socket->peerAddress();
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // unwraps ::ffff:a.b.c.d
    if (isV4)
        return QHostAddress(v4).toString() % u':' % QString::number(socket->peerPort());
    return u'[' % address.toString() % u"]:"_s % QString::number(socket->peerPort());
}

QString errorCode(int status)
{
    switch (status) {
    case 408:
        return u"request_timeout"_s;
    case 413:
        return u"payload_too_large"_s;
    case 414:
        return u"uri_too_long"_s;
    case 431:
        return u"header_fields_too_large"_s;
    case 501:
        return u"not_implemented"_s;
    case 505:
        return u"http_version_not_supported"_s;
    default:
        return u"bad_request"_s;
    }
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, RequestHandler *handler, const HttpServerLimits &limits,
                               std::shared_ptr<HttpServerShared> shared, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_limits(limits)
    , m_shared(std::move(shared))
    , m_handle(std::make_shared<HttpConnectionHandle>())
    , m_parser(limits)
{
    m_handle->connection = this;
    m_limits.maxPipelinedRequests = qMax(1, m_limits.maxPipelinedRequests); // 0 would never read
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    // Responses are coalesced per event-loop pass already; Nagle would only
    // add latency to every keep-alive round trip.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_parser.setRemoteAddress(formatPeer(m_socket));
    m_slots.reserve(m_limits.maxPipelinedRequests + 1);
    m_lastActivityMs = nowMs();
}

HttpConnection::~HttpConnection()
{
    // Responders still held by the handler must find nothing from now on.
    QMutexLocker lock(&m_handle->mutex);
    m_handle->connection = nullptr;
    lock.unlock();
    m_socket->disconnect(this);
}

void HttpConnection::start()
{
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    // Not every error is followed by disconnected(); treat an unconnected
    // socket as gone either way.
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        onDisconnected();
        return;
    }
    // Bytes may have arrived before the signals were connected.
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
}

qint64 HttpConnection::nowMs() const
{
    return m_shared->nowMs();
}

void HttpConnection::onReadyRead()
{
    m_lastActivityMs = nowMs();
    if (m_phase == Phase::Open)
        processInput();
    else if (m_phase != Phase::Closed)
        discardInput();
}

void HttpConnection::onBytesWritten()
{
    m_lastActivityMs = nowMs();
    if (m_phase == Phase::Closing && m_socket->bytesToWrite() == 0)
        finishClose();
}

void HttpConnection::onDisconnected()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_acceptMore = false;
    Q_EMIT finished(this);
}

void HttpConnection::discardInput()
{
    while (m_socket->bytesAvailable() > 0) {
        if (m_in.isEmpty())
            m_in.resize(kReadChunk);
        if (m_socket->read(m_in.data(), m_in.size()) <= 0)
            break;
    }
    m_inPos = m_inEnd = 0;
}

void HttpConnection::processInput()
{
    m_resumeScheduled = false;
    // Responses produced while this pass runs (synchronous handlers) go out
    // in one write at the end instead of one per request.
    m_batching = true;
    processRequests();
    m_batching = false;
    writeOut();
    if (m_parser.inProgress()) {
        if (m_requestStartMs < 0)
            m_requestStartMs = nowMs();
    } else {
        m_requestStartMs = -1;
    }
}

void HttpConnection::processRequests()
{
    while (m_acceptMore && m_phase == Phase::Open) {
        if (m_slots.size() >= m_limits.maxPipelinedRequests) {
            // Reading resumes when a response goes out (flush()); until then
            // the socket's bounded buffer fills and TCP pushes back.
            m_pipelineFull = true;
            break;
        }
        if (m_inPos == m_inEnd) {
            if (m_in.isEmpty())
                m_in.resize(kReadChunk);
            const qint64 read = m_socket->read(m_in.data(), m_in.size());
            if (read <= 0)
                break;
            m_inPos = 0;
            m_inEnd = qsizetype(read);
        }
        const qsizetype used = m_parser.feed(m_in.constData() + m_inPos, m_inEnd - m_inPos);
        m_inPos += used;
        if (m_parser.errorStatus() != 0) {
            failRequest(m_parser.errorStatus(), m_parser.errorDetail());
            return;
        }
        if (m_parser.takeExpectContinue() && !m_parser.hasRequest()) {
            // The client waits for this before sending the body; it goes out
            // after any earlier responses still pending.
            m_continueOwed = true;
            flush();
        }
        if (m_parser.hasRequest())
            dispatch(m_parser.takeRequest());
        else if (used == 0)
            break; // cannot happen with http_parser; never spin
    }
}

void HttpConnection::dispatch(HttpRequest request)
{
    Slot slot;
    slot.sequence = m_nextSequence++;
    slot.head = request.method == "HEAD"_ba;
    slot.keepAlive = request.keepAlive;
    slot.http10 = m_parser.httpMinor() == 0;
    m_continueOwed = false;
    m_requestStartMs = -1;
    // RFC 9112 9.6: nothing after a request that closes the connection.
    if (!request.keepAlive)
        m_acceptMore = false;
    m_slots.append(std::move(slot));
    const quint64 sequence = m_nextSequence - 1;

    if (m_shared->paused.load(std::memory_order_relaxed)) {
        deliver(sequence, HttpResponse::json(503, R"({"error":"paused"})"_ba));
        return;
    }
    auto state = std::make_shared<HttpResponderState>(m_handle, m_shared, sequence);
    m_handler->handle(std::move(request), [state](HttpResponse response) { state->respond(std::move(response)); });
}

void HttpConnection::failRequest(int status, const QByteArray &detail)
{
    // The stream can no longer be trusted: answer in order, then close.
    m_acceptMore = false;
    m_continueOwed = false;
    m_lingerOnClose = true;
    m_requestStartMs = -1;
    Slot slot;
    slot.sequence = m_nextSequence++;
    slot.ready = true;
    slot.keepAlive = false;
    slot.response = HttpResponse::json(
        status, QJsonObject{{u"error"_s, errorCode(status)}, {u"detail"_s, QString::fromLatin1(detail)}});
    m_slots.append(std::move(slot));
    flush();
}

void HttpConnection::deliver(quint64 sequence, HttpResponse response)
{
    if (m_slots.isEmpty() || sequence < m_slots.first().sequence)
        return;
    const quint64 index = sequence - m_slots.first().sequence;
    if (index >= quint64(m_slots.size()))
        return;
    Slot &slot = m_slots[qsizetype(index)];
    if (slot.ready)
        return;
    slot.ready = true;
    slot.response = std::move(response);
    flush();
}

void HttpConnection::flush()
{
    if (m_phase != Phase::Open)
        return;
    bool close = false;
    while (!m_slots.isEmpty() && m_slots.first().ready) {
        Slot slot = m_slots.takeFirst();
        // With no further request to come, the last response says so.
        close = !slot.keepAlive || (!m_acceptMore && m_slots.isEmpty());
        using Connection = HttpResponseEncoder::Connection;
        const Connection connection = close         ? Connection::Close
                                      : slot.http10 ? Connection::KeepAlive
                                                    : Connection::Persistent;
        HttpResponseEncoder::append(m_out, slot.response, slot.head, connection);
        if (close)
            break;
    }
    if (!close && m_continueOwed && m_slots.isEmpty()) {
        m_continueOwed = false;
        m_out.append(HttpResponseEncoder::interimContinue());
    }
    if (!m_batching)
        writeOut();
    if (close || (!m_acceptMore && m_slots.isEmpty())) {
        startClose(m_lingerOnClose);
        return;
    }
    if (m_pipelineFull && m_slots.size() < m_limits.maxPipelinedRequests) {
        m_pipelineFull = false;
        // The read timeout does not count time we spent not reading.
        if (m_requestStartMs >= 0)
            m_requestStartMs = nowMs();
        scheduleResume();
    }
}

void HttpConnection::writeOut()
{
    if (m_out.isEmpty() || m_phase == Phase::Closed)
        return;
    m_socket->write(m_out);
    m_out.clear();
    m_lastActivityMs = nowMs();
    // Straight to the kernel: waiting for the write notifier would cost an
    // extra event-loop pass (and poll registration) per response.
    m_socket->flush();
}

void HttpConnection::scheduleResume()
{
    // Queued rather than called: flush() may run inside a handler call.
    if (m_resumeScheduled)
        return;
    m_resumeScheduled = true;
    QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

void HttpConnection::startClose(bool linger)
{
    if (m_phase != Phase::Open)
        return;
    m_phase = Phase::Closing;
    m_acceptMore = false;
    m_lingerOnClose = linger;
    // The last response may still be batched.
    if (!m_out.isEmpty()) {
        m_socket->write(m_out);
        m_out.clear();
        m_socket->flush();
    }
    if (m_phase == Phase::Closing && m_socket->bytesToWrite() == 0)
        finishClose();
    // else onBytesWritten() finishes once the response is out
}

void HttpConnection::finishClose()
{
    if (m_phase != Phase::Closing)
        return;
    // Either way the peer gets a bounded time to go away before abort().
    m_phase = Phase::Lingering;
    m_lingerDeadlineMs = nowMs() + qMin<qint64>(kLingerMs, m_limits.readTimeoutMs);
#ifdef Q_OS_UNIX
    if (m_lingerOnClose && m_socket->socketDescriptor() != -1) {
        // Half-close: the client sees our FIN after the response, and input
        // it is still sending is read and dropped instead of triggering a
        // reset that could destroy the response before it is read.
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        discardInput();
        return;
    }
#endif
    m_socket->disconnectFromHost();
}

void HttpConnection::drain()
{
    if (m_phase != Phase::Open)
        return;
    m_acceptMore = false;
    m_continueOwed = false;
    m_requestStartMs = -1;
    if (m_slots.isEmpty())
        startClose(false);
    // else flush() closes after the last response
}

void HttpConnection::sweep(qint64 now)
{
    switch (m_phase) {
    case Phase::Closed:
        return;
    case Phase::Lingering:
        if (now >= m_lingerDeadlineMs)
            m_socket->abort();
        return;
    case Phase::Closing:
        // The client stopped reading our response.
        if (now - m_lastActivityMs >= m_limits.idleTimeoutMs)
            m_socket->abort();
        return;
    case Phase::Open:
        break;
    }
    if (m_requestStartMs >= 0 && m_acceptMore && !m_pipelineFull && now - m_requestStartMs >= m_limits.readTimeoutMs) {
        failRequest(408, "request not completed in time"_ba);
        return;
    }
    if (m_slots.isEmpty() && !m_parser.inProgress() && now - m_lastActivityMs >= m_limits.idleTimeoutMs) {
        if (m_socket->bytesToWrite() > 0)
            m_socket->abort(); // nothing read from us for a whole idle period
        else
            startClose(false);
    }
}

} // namespace inlet
