#pragma once

#include "logs/EventRecord.h"

#include <QJsonObject>
#include <QObject>

namespace inlet {

class SqlWorker;

// The stored samples of one event type of one source configuration, newest
// first, read on the worker thread; previous/next walk them. The current
// sample is the document paths see ({body, headers, query, preprocess}).
class SampleBrowser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SampleBrowser)
public:
    explicit SampleBrowser(SqlWorker *worker, QObject *parent = nullptr);

    void load(const QString &source, const QString &env, const QString &eventType, int limit = 25);
    void refresh() { load(m_source, m_env, m_type, m_limit); }
    // Used when there is no traffic yet (e.g. a template's example payload).
    void setFallback(const QJsonObject &document) { m_fallback = document; }

    int count() const { return int(m_events.size()); }
    int position() const { return m_position; } // 0 = newest; -1 when none
    bool next();                                // older
    bool previous();                            // newer
    const EventRecord *current() const;
    QJsonObject document() const; // the current sample or the fallback
    const QList<EventRecord> &events() const { return m_events; }

Q_SIGNALS:
    void sampleChanged();

private:
    SqlWorker *m_worker;
    QString m_source;
    QString m_env;
    QString m_type;
    int m_limit = 25;
    int m_generation = 0;
    QList<EventRecord> m_events;
    int m_position = -1;
    QJsonObject m_fallback;
};

} // namespace inlet
