#pragma once

#include "config/ConfigSnapshot.h"
#include "logs/ActionRecord.h"
#include "logs/EventLog.h"
#include "logs/EventRecord.h"
#include "store/ActionType.h"

#include <QSqlDatabase>

namespace inlet {

class UlidGenerator;

// An action given directly rather than by a mapping: the reverse-ETL REST
// routes turn each request into these.
struct DirectAction
{
    ActionType type;
    QJsonObject payload;    // resolved values
    QJsonObject parameters; // what the action log shows as configured
};

// Steps 5-8 of the pipeline (SPEC section 5) for one stored event: event
// type, timestamp and idempotency key; the idempotency check; every active
// mapping whose condition holds, in the fixed order; the action logs and the
// event's final status. It runs inside the caller's transaction, so store
// changes, action logs and status commit together (exactly once) - or, for
// a rehearsal, are rolled back together.
class EventProcessor final
{
public:
    EventProcessor(QSqlDatabase db, UlidGenerator &ids);

    // Returns false only when storage failed (the caller rolls back);
    // `event` and `actions` then hold the outcome to write or to show.
    bool process(EventRecord &event, const ConfigSnapshot &config, QList<ActionRecord> &actions, qint64 nowMs,
                 QString *error);

    // Runs `direct` in order for `event` (already stored, in the caller's
    // transaction) and writes the action logs and the final status.
    bool executeDirect(EventRecord &event, const QList<DirectAction> &direct, QList<ActionRecord> &actions,
                       qint64 nowMs, QString *error);

    // When false, nothing is written to the logs (rehearsal); the store is
    // still changed inside the transaction so later actions see earlier ones.
    void setWriteLogs(bool write) { m_writeLogs = write; }

    // After process(): the event was left alone because another instance is
    // processing a delivery of the same idempotency key (PostgreSQL). It is
    // still `accepted`; process it in a later transaction.
    bool deferred() const { return m_deferred; }

private:
    // `workflows`: the event's environment's workflow keys (ActionContext).
    void runActions(EventRecord &event, const struct EventPlan &plan, QList<ActionRecord> &actions, qint64 nowMs,
                    const QStringList *workflows);
    ActionRecord execute(const EventRecord &event, ActionType type, const QJsonObject &parameters,
                         const QJsonObject &payload, int index, qint64 nowMs,
                         const struct PlannedAction *planned = nullptr, const QStringList *workflows = nullptr,
                         bool *openSavepoint = nullptr);
    static void setStatusFromActions(EventRecord &event, const QList<ActionRecord> &actions);
    bool checkIdempotency(EventRecord &event, const RuntimeSource &rs, qint64 nowMs, bool *duplicate, QString *error);
    // `recordKey`: the event's idempotency key is recorded for replays.
    bool finish(EventRecord &event, const QList<ActionRecord> &actions, EventLog::Derived changed, bool recordKey,
                QString *error);

    QSqlDatabase m_db;
    UlidGenerator &m_ids;
    bool m_writeLogs = true;
    bool m_deferred = false;
};

} // namespace inlet
