#include "ingest/BatchReply.h"

#include "ingest/IngestContext.h"
#include "ingest/StoreWorker.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

BatchReply::BatchReply(int count, HttpResponse success, HttpResponder respond)
    : m_pending(count)
    , m_success(std::move(success))
    , m_respond(std::move(respond))
{}

void BatchReply::done(bool stored, const QString &error)
{
    if (!stored) {
        std::lock_guard lock(m_mutex);
        m_failed = true;
        m_error = error;
    }
    if (m_pending.fetch_sub(1) != 1)
        return;
    std::lock_guard lock(m_mutex);
    m_respond(m_failed ? IngestContext::unavailable(u"the events could not be stored: "_s + m_error) : m_success);
}

void BatchReply::submit(const std::shared_ptr<BatchReply> &reply, StoreWorker &worker, EventRecord event)
{
    if (!worker.submit(std::move(event), [reply](bool stored, const QString &err) { reply->done(stored, err); }))
        reply->done(false, u"the ingest queue is full"_s);
}

} // namespace inlet
