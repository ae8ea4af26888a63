#include "ingest/StoreWorker.h"

#include "ingest/ConfigStore.h"
#include "ingest/EventProcessor.h"
#include "logs/EventLog.h"
#include "logs/IdempotencyKeys.h"
#include "logs/SearchIndex.h"
#include "store/Database.h"
#include "store/SqlDialect.h"
#include "store/SqlExec.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

constexpr qint64 kConfigPollMs = 1000;
constexpr qint64 kProbeEveryMs = 500; // while unhealthy: is the store writable again?
constexpr qint64 kRetentionEveryMs = 3600 * 1000;
// Retention deletes in transactions of a size that keeps each under about
// 25 ms: every request that arrives meanwhile waits for it. 5,000 events
// took 0.32 s at 20 KB (1.0 s with their runs' data copied in).
constexpr int kRetentionBatchMax = 5000;
constexpr int kRetentionBatchMin = 50;
constexpr qint64 kRetentionStepMs = 25;
constexpr qint64 kIndexEveryMs = 100;
constexpr int kIndexBatch = 256;
constexpr qint64 kIndexBytes = 1024 * 1024;
constexpr int kIndexBatchIdle = 2000;
constexpr qint64 kIndexBytesIdle = 8 * 1024 * 1024;
// Steps under load need the store thread to have waited for work at least
// this share of the last second (0.05-0.07 at 64 connections, 0.12-0.24 at
// 16, 0.55-0.65 at one; measured with steps running).
constexpr double kIndexSpareShare = 0.15;
constexpr qint64 kIdleAfterMs = 250;  // no request for this long: the worker is idle
constexpr qsizetype kMaxFresh = 8192; // stored events kept in memory for processing
constexpr qint64 kMaxFreshBytes = 64 * 1024 * 1024;

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What an event waiting in memory holds: its body, the parsed body (Qt's
// JSON objects take about twice the text) and the rest of the record.
qint64 heldBytes(const EventRecord &e)
{
    return qint64(e.body.size()) * (e.parsedBody ? 3 : 1) + 1024;
}

} // namespace

StoreWorker::StoreWorker(Options options, ConfigStore &config, UlidGenerator &ids, QObject *parent)
    : QThread(parent)
    , m_options(std::move(options))
    , m_config(config)
    , m_ids(ids)
    , m_connection(Database::uniqueConnectionName(u"store-worker"_s))
{
    setObjectName(u"inlet-store"_s);
}

StoreWorker::~StoreWorker()
{
    requestStop(0);
    wait();
}

bool StoreWorker::submit(EventRecord event, Done done)
{
    Submission s;
    s.event = std::move(event);
    s.done = std::move(done);
    return enqueue(std::move(s));
}

bool StoreWorker::submitAndExecute(EventRecord event, QList<DirectAction> actions, Executed done)
{
    Submission s;
    s.event = std::move(event);
    s.direct = std::move(actions);
    s.executed = std::move(done);
    return enqueue(std::move(s));
}

bool StoreWorker::enqueue(Submission submission)
{
    m_lastSubmitMs.store(QDateTime::currentMSecsSinceEpoch(), std::memory_order_relaxed);
    QMutexLocker lock(&m_mutex);
    if (m_stopping || qsizetype(m_queue.size()) >= m_options.maxQueue)
        return false;
    m_queue.push_back(std::move(submission));
    m_wake.wakeOne();
    return true;
}

void StoreWorker::requestStop(int drainMs)
{
    QMutexLocker lock(&m_mutex);
    m_stopping = true;
    m_drainMs = drainMs;
    m_wake.wakeOne();
}

void StoreWorker::poke()
{
    QMutexLocker lock(&m_mutex);
    m_poked = true;
    m_wake.wakeOne();
}

int StoreWorker::queueLength() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

QString StoreWorker::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

bool StoreWorker::idleSince(qint64 nowMs) const
{
    return nowMs - m_lastSubmitMs.load(std::memory_order_relaxed) >= kIdleAfterMs;
}

void StoreWorker::setError(const QString &error)
{
    {
        QMutexLocker lock(&m_mutex);
        m_lastError = error;
    }
    m_healthy = false;
    Q_EMIT storageFailed(error);
}

void StoreWorker::run()
{
    QString error;
    {
        QSqlDatabase db = Database::open(m_options.database, m_connection, &error);
        if (!db.isValid()) {
            setError(error);
            // Refuse everything rather than acknowledge what cannot be stored.
            QMutexLocker lock(&m_mutex);
            while (!m_stopping || !m_queue.empty()) {
                const std::deque<Submission> batch = std::exchange(m_queue, {});
                lock.unlock();
                for (const Submission &s : batch)
                    s.done(false, error);
                lock.relock();
                if (!m_stopping)
                    m_wake.wait(&m_mutex, 1000);
            }
            return;
        }
    }
    if (m_options.database.kind == DatabaseUrl::Kind::Sqlite) {
        m_syncer = std::make_unique<WalSyncer>(m_options.database.path);
        m_checkpointer = std::make_unique<WalCheckpointer>(
            m_options.database.path, Database::sqliteHandle(QSqlDatabase::database(m_connection, false)));
    }
    QElapsedTimer drainTimer;
    bool moreToProcess = true;
    for (;;) {
        QList<Submission> batch;
        bool stopping = false;
        {
            QMutexLocker lock(&m_mutex);
            // Behind with the search index: back to back once idle, else
            // awake for the next 100 ms step.
            const bool indexNow = m_indexBehind && idleSince(QDateTime::currentMSecsSinceEpoch());
            if (m_queue.empty() && !m_stopping && !m_poked && !moreToProcess && !indexNow) {
                const qint64 waitFrom = monotonicNs();
                m_wake.wait(&m_mutex, m_indexBehind ? kIndexEveryMs : 250);
                m_spare.waited(waitFrom, monotonicNs());
            }
            const qsizetype n = qMin<qsizetype>(m_queue.size(), m_options.batchSize);
            batch.reserve(n);
            for (qsizetype i = 0; i < n; ++i) {
                batch.append(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            stopping = m_stopping;
            if (m_poked) {
                moreToProcess = true;
                m_backlog = true; // a replay, a new configuration: look at the table
                m_poked = false;
            }
        }
        if (stopping && !drainTimer.isValid())
            drainTimer.start();
        if (!batch.isEmpty() && storeBatch(batch))
            moreToProcess = true;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (m_options.process && moreToProcess && !(stopping && drainTimer.elapsed() > m_drainMs)) {
            // Alternate with acknowledging: under sustained load processing
            // still advances, in slices short enough to keep latency low.
            const int done = processPending(batch.isEmpty() ? 20 : 5);
            moreToProcess = done < 0 || m_backlog || !m_fresh.empty();
            if (done < 0) { // storage trouble: back off instead of spinning
                QMutexLocker lock(&m_mutex);
                m_wake.wait(&m_mutex, 500);
            }
        } else {
            moreToProcess = false;
        }
        if (stopping) {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty() && (!moreToProcess || drainTimer.elapsed() > m_drainMs))
                break;
            continue;
        }
        maintenance(now);
        if (m_options.process && m_backlog)
            moreToProcess = true;
    }
    m_syncer.reset(); // answers what waits for its sync
    m_checkpointer.reset();
    Database::close(m_connection);
}

bool StoreWorker::storeBatch(QList<Submission> &batch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Closed: a reconnect after the database went away has not succeeded yet.
    QString error = db.isOpen() ? QString() : u"no connection to the database"_s;
    // Every 2xx promises the event is on disk. The REST routes read what
    // they wrote on this connection when answering, so their commits sync
    // here; other batches are synced by m_syncer (SQLite), off this thread.
    const bool direct = std::any_of(batch.cbegin(), batch.cend(), [](const Submission &s) { return bool(s.executed); });
    const bool deferSync = !direct && m_syncer && m_syncer->ready();
    bool ok = error.isEmpty() && SqlDialect::of(db).begin(
                                     db, deferSync ? SqlDialect::Commit::Relaxed : SqlDialect::Commit::Durable, &error);
    if (ok) {
        EventLog log(db);
        EventProcessor processor(db, m_ids);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (Submission &s : batch) {
            if (!log.insertEvent(s.event, &error) ||
                (s.executed && !processor.executeDirect(s.event, s.direct, s.results, now, &error))) {
                ok = false;
                break;
            }
        }
        if (ok)
            ok = sqlExec(db, u"COMMIT"_s, &error);
        if (!ok)
            sqlExec(db, u"ROLLBACK"_s, nullptr);
    }
    if (!ok) {
        setError(error);
    } else {
        m_healthy = true;
        m_stored += batch.size();
    }
    if (ok && deferSync) {
        std::vector<WalSyncer::Callback> callbacks;
        callbacks.reserve(size_t(batch.size()) + 1);
        for (Submission &s : batch)
            callbacks.push_back(std::move(s.done));
        callbacks.push_back([this](bool durable, const QString &why) {
            if (!durable)
                setError(why);
        });
        m_syncer->afterSync(std::move(callbacks));
    } else {
        for (const Submission &s : batch) {
            if (s.executed)
                s.executed(ok, error, s.event, s.results, db);
            else
                s.done(ok, error);
        }
    }
    if (!ok)
        return false;
    Q_EMIT eventsStored(int(batch.size()));
    // Hand the stored events to processing as they are, body parsed: no
    // second read of the table under load.
    // Duplicates (idempotent) and REST events (executed already) are done.
    for (Submission &s : batch) {
        if (s.executed || s.event.status != u"accepted"_s)
            continue;
        m_freshBytes += heldBytes(s.event);
        m_fresh.push_back(std::move(s.event));
    }
    if (qsizetype(m_fresh.size()) > kMaxFresh || m_freshBytes > kMaxFreshBytes) { // far behind: the table is the queue
        m_fresh.clear();
        m_freshBytes = 0;
        m_backlog = true;
    }
    return true;
}

QList<EventRecord> StoreWorker::takeWork(EventLog &log, QString *error)
{
    if (!m_backlog) {
        const qsizetype n = qMin<qsizetype>(qsizetype(m_fresh.size()), m_options.processBatch);
        QList<EventRecord> events;
        events.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            m_freshBytes -= heldBytes(m_fresh.front());
            events.append(std::move(m_fresh.front()));
            m_fresh.pop_front();
        }
        return events;
    }
    QList<EventRecord> events = log.pending(m_options.processBatch, error);
    // What was just stored is in this read too (and in m_fresh): read from
    // the table until it reaches what m_fresh holds, then go on from memory.
    if (!events.isEmpty()) {
        const qint64 last = events.constLast().seq;
        bool dropped = false;
        while (!m_fresh.empty() && m_fresh.front().seq <= last) {
            m_freshBytes -= heldBytes(m_fresh.front());
            m_fresh.pop_front();
            dropped = true;
        }
        m_readReachedFresh = dropped;
    }
    return events;
}

int StoreWorker::processPending(qint64 budgetMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QString error;
    // Processing commits need no fsync of their own: in WAL mode a commit
    // with synchronous=NORMAL is atomic and survives a killed process, and
    // the next acknowledging commit (FULL) syncs it with its own frames. A
    // power loss can only undo a processing commit as a whole, leaving its
    // events `accepted` to be processed again, still exactly once.
    // BEGIN IMMEDIATE before reading the queue: another process (a CLI
    // replay) cannot pick the same events, so each is processed once. On
    // PostgreSQL, where instances process side by side, each locks the rows
    // it takes (EventLog::pending, EventLog::accepted).
    if (!db.isOpen() || !SqlDialect::of(db).begin(db, SqlDialect::Commit::Relaxed, &error)) {
        setError(db.isOpen() ? error : u"no connection to the database"_s);
        return -1;
    }
    const bool fromTable = m_backlog;
    m_readReachedFresh = false;
    EventLog log(db);
    QList<EventRecord> events = takeWork(log, &error);
    auto fail = [&] {
        sqlExec(db, u"ROLLBACK"_s, nullptr);
        setError(error);
        m_backlog = true; // what was taken from memory is still `accepted` in the table
        m_fresh.clear();
        m_freshBytes = 0;
        return -1;
    };
    if (!error.isEmpty())
        return fail();
    const auto snapshot = m_config.current();
    EventProcessor processor(db, m_ids);
    QElapsedTimer timer;
    timer.start();
    qsizetype count = 0;
    int deferred = 0;
    QList<std::pair<QString, QString>> finished;
    // Another process sharing the file (a second serve, a replay) may have
    // processed an event this one stored; the table decides.
    QSet<qint64> stillAccepted;
    if (!fromTable) {
        QList<qint64> seqs;
        seqs.reserve(events.size());
        for (const EventRecord &e : std::as_const(events))
            seqs.append(e.seq);
        stillAccepted = log.accepted(seqs, &error);
        if (!error.isEmpty())
            return fail();
    }
    for (; count < events.size(); ++count) {
        EventRecord &e = events[count];
        if (!fromTable && !stillAccepted.contains(e.seq))
            continue;
        QList<ActionRecord> actions;
        // No savepoint per event: a failed write fails the whole transaction
        // (PostgreSQL aborts it anyway), and a deferred event has written
        // nothing. Each action has its own savepoint (ActionExecutor).
        if (!processor.process(e, *snapshot, actions, QDateTime::currentMSecsSinceEpoch(), &error))
            return fail();
        if (processor.deferred()) { // nothing written; still `accepted` in the table, which is read again
            ++deferred;
            continue;
        }
        finished.append({e.id, e.status});
        if (timer.elapsed() > budgetMs && queueLength() > 0) {
            ++count;
            break; // let waiting requests be acknowledged
        }
    }
    if (!sqlExec(db, u"COMMIT"_s, &error))
        return fail();
    // Past the end of a short read, or past the first event m_fresh holds,
    // the table has nothing m_fresh lacks: memory is the queue again.
    const bool caughtUp =
        !fromTable || m_readReachedFresh || (count == events.size() && events.size() < m_options.processBatch);
    if (caughtUp) {
        m_backlog = false;
        if (count < events.size()) { // unprocessed events go back to the front, in order
            for (qsizetype i = events.size() - 1; i >= count; --i) {
                m_freshBytes += heldBytes(events[i]);
                m_fresh.push_front(std::move(events[i]));
            }
        }
    }
    if (!finished.isEmpty()) // an empty transaction wrote nothing: it proves nothing about the disk
        m_healthy = true;
    m_processed += finished.size();
    if (!finished.isEmpty())
        Q_EMIT eventsProcessed(finished);
    if (m_options.disposer && !events.isEmpty())
        QMetaObject::invokeMethod(
            m_options.disposer, [doomed = std::move(events)] {}, Qt::QueuedConnection);
    if (deferred > 0) {
        m_backlog = true;
        if (finished.isEmpty()) {
            // Only events another instance must finish first: give it a
            // moment rather than asking the database again at once.
            QMutexLocker lock(&m_mutex);
            m_wake.wait(&m_mutex, 10);
        }
    }
    return int(finished.size());
}

void StoreWorker::maintenance(qint64 nowMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!m_healthy && nowMs - m_lastProbe >= kProbeEveryMs) {
        // Without this, a store that failed stays "degraded" until the next
        // request succeeds, and a balancer that trusts /healthz never sends
        // one. A committed one-row write needs the space an event needs.
        m_lastProbe = nowMs;
        QString error;
        // A PostgreSQL session does not survive the server restarting:
        // when the connection is gone, open a new one.
        if (SqlDialect::of(db).isPostgres() && (!db.isOpen() || !sqlExec(db, u"SELECT 1"_s, nullptr)))
            Database::reconnect(db, &error);
        const bool ok = db.isOpen() && SqlDialect::of(db).begin(db, SqlDialect::Commit::Durable, &error) &&
                        sqlExec(db,
                                u"INSERT INTO meta (key, value) VALUES ('store_probe_at', 'now')"
                                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                                &error) &&
                        sqlExec(db, u"COMMIT"_s, &error);
        if (ok)
            m_healthy = true;
        else if (db.isOpen())
            sqlExec(db, u"ROLLBACK"_s, nullptr);
    }
    if (!db.isOpen())
        return; // the probe above reconnects
    if (nowMs - m_lastConfigCheck >= kConfigPollMs) {
        m_lastConfigCheck = nowMs;
        // Another process may have stored events (a CLI import, a second
        // serve): once a second the table is read again.
        m_backlog = true;
        const qint64 before = m_config.current()->version();
        QString error;
        if (m_config.reload(db, false, &error) && m_config.current()->version() != before)
            poke(); // events of a newly configured source may be waiting
    }
    // The search index follows ingestion in steps of its own transaction:
    // every 100 ms (256 1 KB events take ~8 ms), and back to back only while
    // idle with a step that found events (an upgraded database of 1,000,000
    // events is indexed in about a minute). A step also ends at 1 MB of
    // bodies (8 MB when idle): indexing costs by the byte, and 256 20 KB
    // bodies every 100 ms took 30% of this thread under load. Searches read
    // the unindexed tail directly, so a step's delay never hides an event;
    // indexing after every lone event cost a commit each (~10% of the
    // thread at one connection).
    // Idle means no request for a while, not a queue that is empty between
    // two batches: a 2,000-event step taken in such a gap held every
    // request behind it for tens of milliseconds (p99 spikes past 150 ms).
    const bool catchingUp = m_indexBehind;
    m_indexBehind = false;
    const bool idle = queueLength() == 0 && idleSince(nowMs);
    // Under load, a step only while this thread has time to spare: a step
    // holds the requests that arrive during it (up to 15 ms for 256 1 KB
    // events), and at saturation (64 connections) the steps alone put p99
    // past 10 ms. The index then waits for the load to ease.
    m_spare.tick(monotonicNs());
    const bool spare = m_spare.share() >= kIndexSpareShare;
    const bool due = nowMs - m_lastIndexed >= kIndexEveryMs;
    const bool indexing = m_options.database.kind == DatabaseUrl::Kind::Sqlite && m_healthy;
    if (indexing && due && !spare && !idle)
        m_indexBehind = true; // a step skipped: catch up at the first idle moment
    if (indexing && ((idle && catchingUp) || (spare && due))) {
        m_lastIndexed = nowMs;
        QString error;
        if (sqlExec(db, u"PRAGMA synchronous=NORMAL"_s, &error) && sqlExec(db, u"BEGIN IMMEDIATE"_s, &error)) {
            const int n = idle ? SearchIndex::indexMore(db, kIndexBatchIdle, kIndexBytesIdle, &error)
                               : SearchIndex::indexMore(db, kIndexBatch, kIndexBytes, &error);
            sqlExec(db, n > 0 ? u"COMMIT"_s : u"ROLLBACK"_s, nullptr);
            m_indexBehind = n > 0; // until a step finds nothing
        }
    }
    if (nowMs - m_lastRetention >= kRetentionEveryMs) {
        m_lastRetention = nowMs;
        const qint64 logCutoff =
            m_options.retentionDays > 0 ? nowMs - qint64(m_options.retentionDays) * 86400 * 1000 : 0;
        // Idempotency keys go past every window, with or without log retention.
        const qint64 keyCutoff = nowMs - m_config.current()->longestIdempotencyWindowS() * 1000;
        EventLog log(db);
        QString error;
        // Small batches, each its own transaction, so ingestion never waits long.
        for (;;) {
            QElapsedTimer step;
            step.start();
            const int batch = m_retentionBatch;
            if (!sqlExec(db, SqlDialect::of(db).beginWrite(), &error))
                break;
            const qint64 logs = logCutoff > 0 ? log.deleteOlderThan(logCutoff, batch, &error) : 0;
            const qint64 keys = logs < 0 ? -1 : IdempotencyKeys::forgetBefore(db, keyCutoff, batch, &error);
            sqlExec(db, keys < 0 ? u"ROLLBACK"_s : u"COMMIT"_s, nullptr);
            const qint64 tookMs = step.elapsed();
            if (tookMs > kRetentionStepMs)
                m_retentionBatch = qMax(kRetentionBatchMin, batch / 2);
            else if (tookMs < kRetentionStepMs / 4)
                m_retentionBatch = qMin(kRetentionBatchMax, batch * 2);
            if (keys < 0 || (logs < batch && keys < batch))
                break;
            if (queueLength() > 0) { // requests are waiting: continue in a second
                m_lastRetention = nowMs - kRetentionEveryMs + 1000;
                break;
            }
        }
    }
}

} // namespace inlet
