#pragma once

#include "logs/ActionRecord.h"
#include "logs/EventRecord.h"
#include "logs/LogFilter.h"

#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace inlet {

class SqlBatch;

// Reads and writes the event and action logs on one connection. Writers own
// the transaction; nothing here begins or commits.
class EventLog final
{
public:
    explicit EventLog(QSqlDatabase db);

    bool insertEvent(EventRecord &event, QString *error); // sets event.seq
    // The columns processing derives from the body: the outcome's update
    // sets only those that changed (each written column of an index costs
    // that index an entry removed and one added, even for the same value).
    struct Derived
    {
        bool type = true;
        bool timestamp = true;
        bool idempotencyKey = true;
    };
    // The processing outcome. With a collecting `batch` (SqlBatch) the
    // statement runs with the batch, and an action's seq stays 0.
    bool finishEvent(const EventRecord &event, Derived changed, QString *error, SqlBatch *batch = nullptr);
    bool insertAction(ActionRecord &action, QString *error);
    // In order; with a collecting `batch` in one statement that runs with
    // the batch, and without setting their seq.
    bool insertActions(const QList<ActionRecord> &actions, QString *error, SqlBatch *batch = nullptr);

    std::optional<EventRecord> event(const QString &id) const;
    // The event, locked until the transaction ends (PostgreSQL): a processor
    // about to handle it waits for another one that holds it, then reads
    // what that one wrote.
    std::optional<EventRecord> claim(const QString &id) const;
    QList<EventRecord> events(const LogFilter &filter, bool withBodies = false, QString *error = nullptr) const;
    qint64 countEvents(const LogFilter &filter) const;
    QList<ActionRecord> actions(const LogFilter &filter, QString *error = nullptr) const;
    QList<ActionRecord> actionsForEvent(const QString &eventId) const;

    // Events stored but not processed yet, oldest first.
    QList<EventRecord> pending(int limit, QString *error) const;
    // Which of the events `seqs` are still `accepted` (unprocessed); empty
    // with `*error` set when the read failed. On PostgreSQL it also locks
    // those rows to the end of the transaction, and leaves out the ones
    // another instance holds.
    QSet<qint64> accepted(const QList<qint64> &seqs, QString *error) const;

    // Retention: deletes events and actions older than `cutoffMs`, at most
    // `batch` rows per table; returns rows deleted, -1 on error.
    qint64 deleteOlderThan(qint64 cutoffMs, int batch, QString *error);

    // {"events": [{source, status, count}], "actions": [{action_type, status, count}]}
    QJsonObject stats(const QString &env, const QString &source) const;

private:
    QSqlDatabase m_db;
};

} // namespace inlet
