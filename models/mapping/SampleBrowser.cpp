#include "models/mapping/SampleBrowser.h"

#include "ingest/EventContext.h"
#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"

namespace inlet {

SampleBrowser::SampleBrowser(SqlWorker *worker, QObject *parent)
    : QObject(parent)
    , m_worker(worker)
{}

void SampleBrowser::load(const QString &source, const QString &env, const QString &eventType, int limit)
{
    m_source = source;
    m_env = env;
    m_type = eventType;
    m_limit = limit;
    const int generation = ++m_generation;
    LogFilter f;
    f.source = source;
    f.env = env;
    f.eventType = eventType;
    f.limit = limit;
    if (eventType.isEmpty()) {
        m_events.clear();
        m_position = -1;
        Q_EMIT sampleChanged();
        return;
    }
    m_worker->run<QList<EventRecord>>(
        this,
        [f](QSqlDatabase &db) {
            QList<EventRecord> events = db.isValid() ? EventLog(db).events(f, true) : QList<EventRecord>();
            // Rejected requests never reached the mappings: not useful samples.
            events.removeIf([](const EventRecord &e) { return e.status == QLatin1String("rejected"); });
            return events;
        },
        [this, generation](QList<EventRecord> events) {
            if (generation != m_generation)
                return;
            m_events = std::move(events);
            m_position = m_events.isEmpty() ? -1 : 0;
            Q_EMIT sampleChanged();
        });
}

bool SampleBrowser::next()
{
    if (m_position < 0 || m_position + 1 >= m_events.size())
        return false;
    ++m_position;
    Q_EMIT sampleChanged();
    return true;
}

bool SampleBrowser::previous()
{
    if (m_position <= 0)
        return false;
    --m_position;
    Q_EMIT sampleChanged();
    return true;
}

const EventRecord *SampleBrowser::current() const
{
    return m_position >= 0 && m_position < m_events.size() ? &m_events.at(m_position) : nullptr;
}

QJsonObject SampleBrowser::document() const
{
    const EventRecord *e = current();
    if (!e)
        return m_fallback;
    EvalContext context;
    if (!buildEvalContext(*e, context, nullptr))
        return m_fallback;
    return context.toJson();
}

} // namespace inlet
