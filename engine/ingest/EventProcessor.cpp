#include "ingest/EventProcessor.h"

#include "ingest/EventPlan.h"
#include "logs/EventLog.h"
#include "store/ActionExecutor.h"
#include "store/CachedQuery.h"
#include "store/SqlBatch.h"
#include "store/SqlDialect.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"
#include "util/JsonWriter.h"
#include "util/Ulid.h"

#include <QDateTime>
#include <QElapsedTimer>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {
constexpr qint64 kReferToBodyForMs = 3600 * 1000;
} // namespace

EventProcessor::EventProcessor(QSqlDatabase db, UlidGenerator &ids)
    : m_db(std::move(db))
    , m_ids(ids)
{}

bool EventProcessor::process(EventRecord &event, const ConfigSnapshot &config, QList<ActionRecord> &actions,
                             qint64 nowMs, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    actions.clear();
    m_deferred = false;
    event.processedAt = nowMs;
    const QString storedType = event.eventType;
    const QString storedTimestamp = event.timestamp;
    const QString storedKey = event.idempotencyKey;
    bool recordKey = false;
    auto done = [&] {
        event.processingMs = double(timer.nsecsElapsed()) / 1e6;
        const EventLog::Derived changed{event.eventType != storedType, event.timestamp != storedTimestamp,
                                        event.idempotencyKey != storedKey};
        return finish(event, actions, changed, recordKey, error);
    };

    EventPlan plan = EventPlan::build(event, config);
    if (!plan.status.isEmpty()) {
        event.status = plan.status;
        event.statusDetail = plan.statusDetail;
        return done();
    }
    event.eventType = plan.eventType;
    if (plan.timestamp)
        event.timestamp = *plan.timestamp;
    event.idempotencyKey = plan.idempotencyKey;
    // A replay is a deliberate re-run: it is not a duplicate of its original.
    if (!event.idempotencyKey.isEmpty() && event.origin != u"replay"_s) {
        bool duplicate = false;
        if (!checkIdempotency(event, *plan.source, nowMs, &duplicate, error))
            return false;
        if (m_deferred)
            return true; // nothing written yet: the caller leaves the event for later
        if (duplicate)
            return done();
    }
    if (!plan.mapped) {
        event.status = u"unmapped"_s;
        event.statusDetail = u"no mapping for event type '%1'"_s.arg(event.eventType);
        return done();
    }
    plan.resolve(); // after the idempotency check: a duplicate resolves nothing
    static const QStringList kNoWorkflows;
    const auto &workflows = config.configuration().workflows;
    const auto envWorkflows = workflows.constFind(event.env);
    runActions(event, plan, actions, nowMs, envWorkflows != workflows.cend() ? &*envWorkflows : &kNoWorkflows);
    recordKey = event.status == u"processed"_s && !event.idempotencyKey.isEmpty();
    return done();
}

bool EventProcessor::checkIdempotency(EventRecord &event, const RuntimeSource &rs, qint64 nowMs, bool *duplicate,
                                      QString *error)
{
    if (m_writeLogs && SqlDialect::of(m_db).isPostgres()) {
        // Another instance may be processing a delivery of the same key in a
        // transaction this one cannot see yet. The key's lock, held to that
        // transaction's end, orders them: whoever does not get it leaves the
        // event for a later transaction, which then sees the first one's
        // outcome (a duplicate, or a failure that lets it run). Trying
        // rather than waiting means two instances never deadlock.
        CachedQuery lock(m_db, u"SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))"_s);
        lock->addBindValue(
            QStringList{event.env, event.source, event.eventType, event.idempotencyKey}.join(QChar(0x1f)));
        if (!lock.isPrepared() || !lock->exec() || !lock->next()) {
            if (error)
                *error = lock.error();
            return false;
        }
        if (!lock->value(0).toBool()) {
            m_deferred = true;
            return true;
        }
    }
    try {
        SqlStatement q(m_db, u"SELECT event_id, processed_at FROM idempotency WHERE env = ? AND source = ?"
                             " AND event_type = ? AND key = ? AND processed_at >= ?"_s);
        q.bindText(event.env).bindText(event.source).bindText(event.eventType).bindText(event.idempotencyKey);
        q.bind(nowMs - rs.config.settings.idempotencyWindowS * 1000);
        q.exec();
        if (q.next() && q.text(0) != event.id) {
            *duplicate = true;
            event.status = u"idempotent"_s;
            event.replayOf = q.text(0);
            event.statusDetail = u"duplicate of %1 (idempotency key '%2', processed %3); no actions run"_s.arg(
                event.replayOf, event.idempotencyKey,
                QDateTime::fromMSecsSinceEpoch(q.integer(1), Qt::UTC).toString(Qt::ISODateWithMs));
        }
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

ActionRecord EventProcessor::execute(const EventRecord &event, ActionType type, const QJsonObject &parameters,
                                     const QJsonObject &payload, int index, qint64 nowMs, const PlannedAction *planned,
                                     const QStringList *workflows, bool *openSavepoint)
{
    ActionContext actx;
    actx.eventId = event.id;
    actx.nowMs = nowMs;
    actx.ids = &m_ids;
    actx.payloadJson = planned ? &planned->payloadJson : nullptr;
    // Long values copied from the body are kept by reference to it, unless
    // the event is processed late (a backlog): its body may then leave the
    // log, by retention (one day at least), before or while its actions
    // and runs are written.
    const bool byReference = planned && nowMs - event.receivedAt < kReferToBodyForMs;
    actx.payloadFromBody = byReference ? &planned->fromBody : nullptr;
    actx.inTransaction = true; // the caller's (see the class comment)
    actx.workflows = workflows;
    actx.openSavepoint = openSavepoint;
    QElapsedTimer timer;
    timer.start();
    // The executor wraps each action in a savepoint: a failed one leaves no half-done change.
    const ActionOutcome outcome = ActionExecutor::execute(m_db, event.env, type, payload, actx);
    ActionRecord a;
    a.id = u"act_"_s + QString::fromLatin1(m_ids.next(nowMs));
    a.eventId = event.id;
    a.env = event.env;
    a.source = event.source;
    a.eventType = event.eventType;
    a.actionType = actiontypes::name(type);
    a.mappingIndex = index;
    a.actionParameters = parameters;
    a.actionPayload = payload;
    if (planned) {
        a.actionParametersJson = planned->parametersJson;
        a.actionPayloadJson = byReference ? planned->loggedPayloadJson : planned->payloadJson.object();
        if (byReference && !planned->fromBody.isEmpty())
            a.payloadFromBody = JsonWriter::write(planned->fromBody);
    }
    a.actionResult = outcome.result;
    a.status = ActionOutcome::statusName(outcome.status);
    a.error = outcome.error;
    a.errorParameter = outcome.parameter;
    a.executedAt = nowMs;
    a.durationUs = timer.nsecsElapsed() / 1000;
    return a;
}

void EventProcessor::setStatusFromActions(EventRecord &event, const QList<ActionRecord> &actions)
{
    const auto failed =
        std::count_if(actions.begin(), actions.end(), [](const ActionRecord &a) { return a.status != u"success"_s; });
    if (failed > 0) {
        event.status = u"failed"_s;
        event.statusDetail = u"%1 of %2 actions failed"_s.arg(failed).arg(actions.size());
    } else {
        event.status = u"processed"_s;
        event.statusDetail =
            actions.size() == 1 ? u"1 action succeeded"_s : u"%1 actions succeeded"_s.arg(actions.size());
    }
}

void EventProcessor::runActions(EventRecord &event, const EventPlan &plan, QList<ActionRecord> &actions, qint64 nowMs,
                                const QStringList *workflows)
{
    // A failed release leaves the transaction failed: the event's next
    // statement reports it.
    bool openSavepoint = false;
    for (const PlannedAction &a : plan.actions)
        actions.append(execute(event, a.type, a.parameters, a.payload, a.index, nowMs, &a, workflows, &openSavepoint));
    ActionExecutor::releaseSavepoint(m_db, &openSavepoint, nullptr);
    if (!actions.isEmpty()) {
        setStatusFromActions(event, actions);
        return;
    }
    event.status = u"processed"_s;
    event.statusDetail = plan.conditionFalse > 0
                             ? u"no mapping's condition held; nothing to run"_s
                             : u"every mapping of '%1' is inactive; nothing to run"_s.arg(event.eventType);
}

bool EventProcessor::executeDirect(EventRecord &event, const QList<DirectAction> &direct, QList<ActionRecord> &actions,
                                   qint64 nowMs, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    actions.clear();
    bool openSavepoint = false;
    for (qsizetype i = 0; i < direct.size(); ++i)
        actions.append(execute(event, direct[i].type, direct[i].parameters, direct[i].payload, int(i), nowMs, nullptr,
                               nullptr, &openSavepoint));
    if (!ActionExecutor::releaseSavepoint(m_db, &openSavepoint, error))
        return false;
    setStatusFromActions(event, actions);
    event.processedAt = nowMs;
    event.processingMs = double(timer.nsecsElapsed()) / 1e6;
    // Stored in this transaction with its type: nothing derived changes.
    return finish(event, actions, EventLog::Derived{false, false, false}, false, error);
}

bool EventProcessor::finish(EventRecord &event, const QList<ActionRecord> &actions, EventLog::Derived changed,
                            bool recordKey, QString *error)
{
    if (!m_writeLogs)
        return true;
    // One round trip on PostgreSQL for what processing writes last.
    SqlBatch batch(m_db);
    try {
        if (recordKey) {
            SqlStatement q(m_db,
                           u"INSERT INTO idempotency (env, source, event_type, key, event_id, processed_at)"
                           " VALUES (?,?,?,?,?,?) ON CONFLICT(env, source, event_type, key) DO UPDATE SET"
                           " event_id = excluded.event_id, processed_at = excluded.processed_at"_s,
                           &batch);
            q.bindText(event.env).bindText(event.source).bindText(event.eventType).bindText(event.idempotencyKey);
            q.bindText(event.id).bind(event.processedAt);
            q.exec();
        }
        EventLog log(m_db);
        if (!log.insertActions(actions, error, &batch))
            return false;
        if (!log.finishEvent(event, changed, error, &batch))
            return false;
        batch.exec();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

} // namespace inlet
