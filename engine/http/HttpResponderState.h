#pragma once

#include "http/HttpResponse.h"

#include <QtGlobal>

#include <atomic>
#include <memory>

namespace inlet {

struct HttpConnectionHandle;
struct HttpServerShared;

// What an HttpResponder captures: which connection and which request slot
// the response belongs to. Answering is exactly-once; if the handler drops
// every copy of the responder without answering, the client gets a 500
// instead of a connection stuck behind a missing response.
class HttpResponderState final
{
    Q_DISABLE_COPY_MOVE(HttpResponderState)
public:
    HttpResponderState(std::shared_ptr<HttpConnectionHandle> connection, std::shared_ptr<HttpServerShared> shared,
                       quint64 sequence);
    ~HttpResponderState();

    // Any thread. Later calls are ignored.
    void respond(HttpResponse response);

private:
    std::shared_ptr<HttpConnectionHandle> m_connection;
    std::shared_ptr<HttpServerShared> m_shared;
    quint64 m_sequence;
    std::atomic<bool> m_answered{false};
};

} // namespace inlet
