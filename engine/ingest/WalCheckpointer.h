#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace inlet {

// Checkpoints the SQLite WAL on a thread and connection of its own.
//
// By default the committing connection checkpoints when its commit leaves
// 1,000 pages in the WAL: the store thread then copied ~4 MB into the
// database file and waited for its fsync in the middle of acknowledging (5%
// of its CPU, and the slowest responses under load). This takes over the
// writer's WAL hook (which replaces its auto-checkpoint): past the threshold
// the hook only wakes this thread, which runs a PASSIVE checkpoint - one
// that never blocks the writer.
//
// Create and destroy it on the writer connection's thread while that
// connection is open (the destructor removes the hook).
class WalCheckpointer final
{
public:
    WalCheckpointer(const QString &databasePath, sqlite3 *writer, int thresholdFrames = 1000);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // False when the database could not be opened a second time: the
    // writer then keeps checkpointing itself.
    bool isRunning() const { return m_db != nullptr; }

    // Checkpoints that copied pages into the database file (tests).
    int checkpoints() const;

private:
    static int walHook(void *self, sqlite3 *db, const char *name, int frames);
    void run();

    sqlite3 *m_writer;
    int m_threshold;
    sqlite3 *m_db = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_due = false;
    bool m_stopping = false;
    int m_checkpoints = 0;
    std::thread m_thread;
};

} // namespace inlet
