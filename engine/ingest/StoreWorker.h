#pragma once

#include "ingest/EventProcessor.h"
#include "ingest/SpareTime.h"
#include "ingest/WalCheckpointer.h"
#include "ingest/WalSyncer.h"
#include "logs/ActionRecord.h"
#include "logs/EventRecord.h"
#include "store/DatabaseUrl.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

namespace inlet {

class ConfigStore;
class EventLog;
class UlidGenerator;

// The engine's single writer. One thread owns the write connection and
// (1) stores submitted events in group-committed transactions, calling each
// submitter back once its event is durable; (2) processes stored events in
// the order they were stored, each event's store changes, action logs and
// status in one transaction; (3) reloads the configuration when another
// process changed it; (4) runs the retention job.
class StoreWorker final : public QThread
{
    Q_OBJECT
public:
    using Done = std::function<void(bool stored, const QString &error)>;
    // Called on the worker thread after the commit, with its connection, so
    // the caller can read what the actions wrote.
    using Executed = std::function<void(bool ok, const QString &error, const EventRecord &event,
                                        const QList<ActionRecord> &actions, QSqlDatabase &db)>;

    struct Options
    {
        DatabaseUrl database;
        int maxQueue = 20000; // submissions beyond this are refused (429)
        int batchSize = 512;  // events per ingest transaction
        int retentionDays = 30;
        int processBatch = 256; // events per processing transaction
        bool process = true;    // false: store only (tests of the ingest path)
        // Processed events are destroyed on this object's thread (the HTTP
        // thread, which parsed their bodies) instead of the store thread:
        // freeing a 20 KB body's parsed tree took a tenth of the store
        // thread. nullptr: where they were processed.
        QObject *disposer = nullptr;
    };

    StoreWorker(Options options, ConfigStore &config, UlidGenerator &ids, QObject *parent = nullptr);
    ~StoreWorker() override;

    // Thread-safe. Returns false when the queue is full; `done` is called on
    // the worker thread after the commit (or failure).
    bool submit(EventRecord event, Done done);

    // Thread-safe. Stores `event` and executes `actions` for it in the same
    // transaction (the reverse-ETL REST routes answer with what was written).
    bool submitAndExecute(EventRecord event, QList<DirectAction> actions, Executed done);

    // Asks the thread to finish: it stores everything queued, processes what
    // it can within `drainMs`, then exits. Wait with QThread::wait().
    void requestStop(int drainMs = 3000);

    // Wakes the thread to look for unprocessed events now (after a replay,
    // a configuration change...).
    void poke();

    qint64 processedCount() const { return m_processed.load(); }
    qint64 storedCount() const { return m_stored.load(); }
    int queueLength() const;
    bool healthy() const { return m_healthy.load(); }
    QString lastError() const;

Q_SIGNALS:
    void eventsStored(int count);
    // One per processing transaction, after its commit: (id, status) of each
    // event it processed, in order. One queued signal per batch rather than
    // per event: at 10,000 events/s each of those was a posted event and a
    // wake-up of the receiving thread.
    void eventsProcessed(const QList<std::pair<QString, QString>> &events);
    void storageFailed(const QString &error);

protected:
    void run() override;

private:
    struct Submission
    {
        EventRecord event;
        Done done;
        QList<DirectAction> direct; // executed at once when `executed` is set
        Executed executed;
        QList<ActionRecord> results;
    };
    bool enqueue(Submission submission);
    bool storeBatch(QList<Submission> &batch);
    int processPending(qint64 budgetMs);
    QList<EventRecord> takeWork(EventLog &log, QString *error);
    void maintenance(qint64 nowMs);
    void setError(const QString &error);
    bool idleSince(qint64 nowMs) const; // no submission for a while

    Options m_options;
    ConfigStore &m_config;
    UlidGenerator &m_ids;
    QString m_connection;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    // Deques: events are appended at the back and taken from the front;
    // a QList there moved every element it held on regrowth.
    std::deque<Submission> m_queue;
    bool m_stopping = false;
    bool m_poked = true;
    int m_drainMs = 3000;
    QString m_lastError;

    std::atomic<qint64> m_processed{0};
    std::atomic<qint64> m_stored{0};
    std::atomic<bool> m_healthy{true};
    // Events this worker stored, oldest first, waiting to be processed. The
    // table stays the queue of record: m_backlog says it must be read
    // (start-up, a poke, a failure, an overflow, once a second).
    std::deque<EventRecord> m_fresh;
    qint64 m_freshBytes = 0;                         // bounded: 20 KB events must not fill the memory
    std::unique_ptr<WalSyncer> m_syncer;             // SQLite: acknowledges after its fdatasync
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite: checkpoints off this thread
    bool m_backlog = true;
    bool m_readReachedFresh = false; // the last table read overlapped m_fresh
    qint64 m_lastConfigCheck = 0;
    qint64 m_lastIndexed = 0;
    bool m_indexBehind = false; // the last index step found events: more may wait
    SpareTime m_spare;          // how much of its time this thread waits for work
    std::atomic<qint64> m_lastSubmitMs{0};
    qint64 m_lastRetention = 0;
    int m_retentionBatch = 250; // events (and keys) per retention transaction, kept near a time budget
    qint64 m_lastProbe = 0;
};

} // namespace inlet
