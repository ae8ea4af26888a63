#pragma once

#include "http/RequestHandler.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace inlet {

struct EventRecord;
class StoreWorker;

// Answers a request that carried several events once every one of them is
// stored: `success` when all were, 503 when any was not. Callbacks come from
// the store, the sync thread and (queue full) the HTTP thread.
class BatchReply final
{
public:
    BatchReply(int count, HttpResponse success, HttpResponder respond);

    void done(bool stored, const QString &error);
    // Submits one of the request's events; its outcome counts towards `reply`.
    static void submit(const std::shared_ptr<BatchReply> &reply, StoreWorker &worker, EventRecord event);

private:
    std::atomic<int> m_pending;
    HttpResponse m_success;
    HttpResponder m_respond;
    std::mutex m_mutex;
    bool m_failed = false;
    QString m_error;
};

} // namespace inlet
