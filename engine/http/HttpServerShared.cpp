#include "http/HttpServerShared.h"

#include "http/HttpServer.h"

#include <QMetaObject>

namespace inlet {

void HttpServerShared::requestAnswered()
{
    if (inFlight.fetch_sub(1, std::memory_order_acq_rel) != 1)
        return;
    // Under load the count touches zero after almost every request; one
    // queued notification at a time is plenty.
    if (idlePosted.exchange(true))
        return;
    QMutexLocker lock(&mutex);
    if (server == nullptr)
        return;
    HttpServer *target = server;
    // Queued even on the server's thread: this runs inside a handler call
    // or a response delivery, where re-entering application code is unsafe.
    QMetaObject::invokeMethod(
        target,
        [this, target] {
            idlePosted.store(false);
            if (inFlight.load() == 0)
                Q_EMIT target->idle();
        },
        Qt::QueuedConnection);
}

} // namespace inlet
