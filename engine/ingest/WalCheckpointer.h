#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace inlet {

// Checkpoints the SQLite WAL on a thread and connection of its own, and
// keeps the WAL file bounded under sustained load.
//
// By default the committing connection checkpoints when its commit leaves
// 1,000 pages in the WAL: the store thread then copied ~4 MB into the
// database file and waited for its fsync in the middle of acknowledging (5%
// of its CPU, and the slowest responses under load). This takes over the
// writer's WAL hook (which replaces its auto-checkpoint): past the threshold
// the hook only wakes this thread, which runs a PASSIVE checkpoint - one
// that never blocks the writer. The thread is woken every 4,096 frames
// (16 MiB) rather than 1,000: a page written again within that window is
// copied once (10% fewer bytes written per 1 KB event, measured).
//
// SQLite starts the WAL over only when a write transaction begins with every
// frame already copied, which a writer that commits back to back never
// allows: the file grew by the whole write volume (a gigabyte in seconds)
// and a restart after a crash replayed all of it. So once the WAL holds
// `restartFrames`, the thread pauses and the writer copies, inside its
// commit hook, the frames the thread has not reached (at most about two
// thresholds' worth); its next transaction starts the WAL from the
// beginning. That costs the writer one short checkpoint (two fsyncs) per
// `restartFrames` written. The writer's journal_size_limit truncates a WAL
// that grew past that while readers held it.
//
// Create and destroy it on the writer connection's thread while that
// connection is open (the destructor removes the hook).
class WalCheckpointer final
{
public:
    WalCheckpointer(const QString &databasePath, sqlite3 *writer, int thresholdFrames = 4096,
                    int restartFrames = 16384);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when the database could not be opened a second time: the
    // writer then keeps checkpointing itself.
    bool isRunning() const { return m_db != nullptr; }

    // Checkpoints that copied pages into the database file (tests).
    int checkpoints() const;
    // Times the writer finished a checkpoint so the WAL could start over,
    // and times it ran one at all (tests).
    int catchUps() const { return m_catchUps.load(); }
    int writerCheckpoints() const { return m_writerCheckpoints.load(); }

private:
    static int walHook(void *self, sqlite3 *db, const char *name, int frames);
    void catchUp(int frames);
    void run();

    sqlite3 *m_writer;
    int m_threshold;
    int m_restartFrames;
    sqlite3 *m_db = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    int m_checkpoints = 0;
    // The writer is to finish a checkpoint so the WAL can start over.
    std::atomic<bool> m_restartPending{false};
    // The writer's thread only: the WAL length at which it next tries, and
    // at its last commit (shorter now: the WAL started over).
    int m_catchUpAt;
    int m_lastFrames = 0;
    std::atomic<int> m_catchUps{0};
    std::atomic<int> m_writerCheckpoints{0};
    std::thread m_thread;
};

} // namespace inlet
