#include "ingest/WalCheckpointer.h"

#include <QFile>

#include <pthread.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

namespace inlet {

namespace {
constexpr int kNice = 5; // 10 and 19 measured no better (p99 9.6-11.3 ms in the same runs)
}

WalCheckpointer::WalCheckpointer(const QString &databasePath, sqlite3 *writer, int thresholdFrames, int restartFrames)
    : m_writer(writer)
    , m_threshold(thresholdFrames)
    , m_restartFrames(restartFrames)
    , m_catchUpAt(restartFrames)
{
    if (!writer)
        return;
    const QByteArray path = QFile::encodeName(databasePath);
    if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    // PASSIVE waits for no lock, but opening the WAL index can meet one.
    sqlite3_busy_timeout(m_db, 1000);
    // A connection learns that the database is in WAL mode when it first
    // reads it; until then a checkpoint on it does nothing and still
    // returns SQLITE_OK (with -1 frames).
    if (sqlite3_exec(m_db, "PRAGMA schema_version", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(m_db);
        m_db = nullptr;
        return;
    }
    m_thread = std::thread([this] { run(); });
    sqlite3_wal_hook(m_writer, &WalCheckpointer::walHook, this);
    // A WAL that grew while the thread was far behind shrinks again at the
    // first commit after it starts over (in bytes; 4 KiB pages plus headers).
    const QByteArray limit = "PRAGMA journal_size_limit=" + QByteArray::number(qint64(restartFrames) * 4120);
    sqlite3_exec(m_writer, limit.constData(), nullptr, nullptr, nullptr);
}

WalCheckpointer::~WalCheckpointer()
{
    if (!m_db)
        return;
    // Back to SQLite's own checkpoints for whatever the writer still commits.
    sqlite3_wal_autocheckpoint(m_writer, 1000);
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    sqlite3_close(m_db);
}

int WalCheckpointer::checkpoints() const
{
    std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

int WalCheckpointer::walHook(void *self, sqlite3 *, const char *, int frames)
{
    auto *c = static_cast<WalCheckpointer *>(self);
    if (frames < c->m_lastFrames) // the WAL started over
        c->m_catchUpAt = c->m_restartFrames;
    c->m_lastFrames = frames;
    c->catchUp(frames);
    if (frames >= c->m_threshold) {
        {
            std::lock_guard lock(c->m_mutex);
            c->m_due = true;
        }
        c->m_wake.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::catchUp(int frames)
{
    if (frames < m_catchUpAt)
        return;
    // The thread starts no checkpoint until this one ran: the writer needs
    // the checkpoint lock, and the frames the thread has not reached stay
    // few (it checkpoints back to back past its threshold).
    m_restartPending.store(true);
    // PASSIVE on the writer's own connection: SQLITE_BUSY at once (no wait)
    // while the thread is in a checkpoint; the next commit tries again.
    int walFrames = -1;
    int copied = -1;
    if (sqlite3_wal_checkpoint_v2(m_writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, &walFrames, &copied) != SQLITE_OK)
        return;
    m_restartPending.store(false);
    m_writerCheckpoints.fetch_add(1);
    if (copied == walFrames)
        m_catchUps.fetch_add(1);
    // Until the WAL starts over, try again only a quarter length later: a
    // reader on an older snapshot can stop the copy or the restart, and a
    // checkpoint (two fsyncs) at every commit would stall the writer.
    m_catchUpAt = frames + m_restartFrames / 4;
}

void WalCheckpointer::run()
{
    // Named apart from the store thread that starts it (a thread inherits
    // its creator's name): `top -H` and bench/ingest tell them apart.
    pthread_setname_np(pthread_self(), "inlet-checkpt");
    // Background work: on a machine whose cores are all busy, the store and
    // HTTP threads go first (on 2 cores at 64 connections: +7% requests/s
    // and p99 9.4 ms against 10.1 ms, means of 6 alternated runs). The WAL
    // stays bounded: past its restart length the writer copies the frames
    // itself. Linux applies a nice value per thread.
    setpriority(PRIO_PROCESS, id_t(gettid()), kNice);
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_due; });
        if (m_stopping)
            break;
        m_due = false;
        if (m_restartPending.load())
            continue;
        lock.unlock();
        int copied = -1;
        const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, &copied);
        lock.lock();
        if (rc == SQLITE_OK && copied > 0)
            ++m_checkpoints;
    }
}

} // namespace inlet
