#include "http/HttpResponderState.h"

#include "http/HttpConnection.h"
#include "http/HttpConnectionHandle.h"
#include "http/HttpServerShared.h"

#include <QMetaObject>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

HttpResponderState::HttpResponderState(std::shared_ptr<HttpConnectionHandle> connection,
                                       std::shared_ptr<HttpServerShared> shared, quint64 sequence)
    : m_connection(std::move(connection))
    , m_shared(std::move(shared))
    , m_sequence(sequence)
{
    m_shared->requestStarted();
}

HttpResponderState::~HttpResponderState()
{
    if (!m_answered.load())
        respond(HttpResponse::json(500, R"({"error":"no_response"})"_ba));
}

void HttpResponderState::respond(HttpResponse response)
{
    if (m_answered.exchange(true))
        return;
    HttpConnection *sameThread = nullptr;
    {
        QMutexLocker lock(&m_connection->mutex);
        HttpConnection *connection = m_connection->connection;
        if (connection != nullptr && connection->thread() == QThread::currentThread()) {
            // Delivered below, unlocked: delivering may parse and dispatch the
            // next pipelined request, whose responder would take this lock.
            // Nothing can destroy the connection meanwhile: that only happens
            // on this very thread.
            sameThread = connection;
        } else if (connection != nullptr) {
            // The lock keeps the connection alive until the event is posted;
            // Qt discards posted events of an object that is destroyed later.
            QMetaObject::invokeMethod(
                connection,
                [connection, sequence = m_sequence, r = std::move(response)]() mutable {
                    connection->deliver(sequence, std::move(r));
                },
                Qt::QueuedConnection);
        }
    }
    if (sameThread != nullptr)
        sameThread->deliver(m_sequence, std::move(response));
    m_shared->requestAnswered();
}

} // namespace inlet
