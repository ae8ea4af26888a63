#pragma once

#include <QMutex>

namespace inlet {

class HttpConnection;

// The one way to reach an HttpConnection from another thread: the
// connection clears `connection` (under the mutex) in its destructor, so a
// responder that holds the mutex either sees a live connection or null.
struct HttpConnectionHandle final
{
    Q_DISABLE_COPY_MOVE(HttpConnectionHandle)
    HttpConnectionHandle() = default;

    QMutex mutex;
    HttpConnection *connection = nullptr;
};

} // namespace inlet
