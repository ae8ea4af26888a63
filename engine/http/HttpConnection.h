#pragma once

#include "http/HttpRequestParser.h"
#include "http/HttpResponse.h"
#include "http/HttpServerLimits.h"

#include <QByteArray>
#include <QList>
#include <QObject>

#include <memory>

class QTcpSocket;

namespace inlet {

class RequestHandler;
struct HttpConnectionHandle;
struct HttpServerShared;

// One client socket: parses requests, hands them to the RequestHandler in
// order, and writes the responses strictly in request order however they
// arrive (HTTP/1.1 pipelining). Lives on the server's thread; deliver() is
// the only entry point for responses and is reached through
// HttpResponderState.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)
public:
    HttpConnection(QTcpSocket *socket, RequestHandler *handler, const HttpServerLimits &limits,
                   std::shared_ptr<HttpServerShared> shared, QObject *parent = nullptr);
    ~HttpConnection() override;

    // Starts reading; call once the owner has connected finished().
    void start();
    // Timeouts; called periodically by the server with its clock.
    void sweep(qint64 nowMs);
    // Graceful shutdown: answer what was handed to the handler, then close.
    void drain();
    // The response to request number `sequence`; on this object's thread.
    void deliver(quint64 sequence, HttpResponse response);

Q_SIGNALS:
    // The socket is closed; the owner deletes the connection (later).
    void finished(inlet::HttpConnection *connection);

private:
    enum class Phase {
        Open,      // reading requests and/or writing responses
        Closing,   // last response queued; waiting for it to be written
        Lingering, // our side shut down; discarding input until the peer closes
        Closed,
    };

    struct Slot
    {
        quint64 sequence = 0;
        bool ready = false;
        bool head = false;
        bool keepAlive = true;
        bool http10 = false;
        HttpResponse response;
    };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void processInput();
    void processRequests();
    void writeOut();
    void dispatch(HttpRequest request);
    void failRequest(int status, const QByteArray &detail);
    void flush();
    void startClose(bool linger);
    void finishClose();
    void discardInput();
    void scheduleResume();
    qint64 nowMs() const;

    QTcpSocket *m_socket;
    RequestHandler *m_handler;
    HttpServerLimits m_limits;
    std::shared_ptr<HttpServerShared> m_shared;
    std::shared_ptr<HttpConnectionHandle> m_handle;
    HttpRequestParser m_parser;
    QByteArray m_in; // reused read buffer; [m_inPos, m_inEnd) not parsed yet
    qsizetype m_inPos = 0;
    qsizetype m_inEnd = 0;
    QByteArray m_out;
    QList<Slot> m_slots; // requests handed out and not yet written, in order
    quint64 m_nextSequence = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = -1; // when the request being read began
    qint64 m_lingerDeadlineMs = 0;
    Phase m_phase = Phase::Open;
    bool m_acceptMore = true;    // false once no further request may be parsed
    bool m_pipelineFull = false; // reading stopped at maxPipelinedRequests
    bool m_resumeScheduled = false;
    bool m_continueOwed = false; // "100 Continue" to send once earlier responses are out
    bool m_lingerOnClose = false;
    bool m_batching = false; // inside processInput(): writeOut() happens at its end
};

} // namespace inlet
