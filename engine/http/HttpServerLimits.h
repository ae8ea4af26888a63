#pragma once

#include <QtGlobal>

namespace inlet {

struct HttpServerLimits
{
    qint64 maxBodyBytes = 5 * 1024 * 1024; // 413 beyond, before buffering the excess
    int maxHeaderBytes = 64 * 1024;        // request line + all headers; 431 beyond
    int maxHeaderCount = 100;              // 431 beyond
    int maxUrlBytes = 8 * 1024;            // request-target; 414 beyond
    int idleTimeoutMs = 30000;             // keep-alive connection with no request in progress
    int readTimeoutMs = 15000;             // a started request must complete within this
    int maxConnections = 2000;             // further connections are closed at once
    int maxPipelinedRequests = 32;         // requests awaiting a response on one connection
};

} // namespace inlet
