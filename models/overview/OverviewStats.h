#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace inlet {

class SqlWorker;

// The numbers of the Overview page for one environment, read on the worker
// thread: events per minute by status for the last hour, events per source
// in the last 24 h, and the latest problems (rejected or failed events,
// failed or skipped actions) with their reasons.
class OverviewStats final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewStats)
public:
    struct Problem
    {
        qint64 atMs = 0;
        QString eventId;
        QString actionId; // empty for an event problem
        QString source;
        QString what; // event type or action type
        QString status;
        QString reason;
    };
    struct Data
    {
        qint64 firstMinute = 0;                      // minute number (ms / 60000) of the first bucket
        QList<QHash<QString, int>> perMinute;        // 60 buckets, oldest first: status -> count
        QList<std::pair<QString, qint64>> perSource; // last 24 h, busiest first
        QList<Problem> problems;                     // newest first
        qint64 errorsLast5Min = 0;
        qint64 eventsLastMinute = 0;
    };

    explicit OverviewStats(SqlWorker *worker, QObject *parent = nullptr);

    // At most one load in flight: a load asked meanwhile runs after it, with
    // the latest arguments (a timer must not queue loads faster than they run).
    void load(const QString &env, qint64 nowMs);
    const Data &data() const { return m_data; }

    static Data query(QSqlDatabase &db, const QString &env, qint64 nowMs);

Q_SIGNALS:
    void loaded();

private:
    SqlWorker *m_worker;
    Data m_data;
    int m_generation = 0;
    bool m_busy = false;
    std::optional<std::pair<QString, qint64>> m_next;
};

} // namespace inlet
