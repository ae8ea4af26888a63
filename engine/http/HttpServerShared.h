#pragma once

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>

namespace inlet {

class HttpServer;

// State of one HttpServer that its connections and the responders of
// requests still held by the handler (on any thread) refer to. Held by
// shared_ptr so a responder may outlive the server safely.
struct HttpServerShared final
{
    Q_DISABLE_COPY_MOVE(HttpServerShared)
    HttpServerShared() { clock.start(); }

    void requestStarted() { inFlight.fetch_add(1, std::memory_order_relaxed); }
    // Any thread. When the count drops to zero, HttpServer::idle() is
    // emitted on the server's thread (at most one notification queued).
    void requestAnswered();
    qint64 nowMs() const { return clock.elapsed(); }

    QMutex mutex;                 // guards `server`
    HttpServer *server = nullptr; // null once the server is destroyed
    QElapsedTimer clock;          // monotonic, for timeouts
    std::atomic<int> inFlight{0};
    std::atomic<bool> paused{false};
    std::atomic<bool> idlePosted{false};
};

} // namespace inlet
