#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace inlet {

// Makes committed SQLite WAL transactions durable off the store thread.
//
// The store thread commits acknowledging transactions with
// synchronous=NORMAL (the WAL frames reach the page cache, no fsync) and
// hands the submitters' callbacks here; this thread fdatasyncs the WAL file
// and only then calls them, so a 2xx still means "on disk". Meanwhile the
// store thread goes on storing and processing instead of waiting ~5 ms per
// commit for the disk, and one fdatasync covers every commit made before it
// started (group commit across transactions).
class WalSyncer final
{
public:
    using Callback = std::function<void(bool durable, const QString &error)>;

    // `databasePath` is the SQLite file; its WAL is `databasePath-wal`.
    explicit WalSyncer(QString databasePath);
    ~WalSyncer(); // syncs and answers everything handed over, then stops
    WalSyncer(const WalSyncer &) = delete;
    WalSyncer &operator=(const WalSyncer &) = delete;

    // Opens the WAL file (after the first commit created it). False when it
    // cannot: the caller then commits with synchronous=FULL instead.
    bool ready();

    // Call after the COMMIT returned: `callbacks` run on this object's thread
    // after an fdatasync of the WAL that started after this call.
    void afterSync(std::vector<Callback> callbacks);

    // Blocks until everything handed over so far has been answered.
    void flush();

private:
    void run();
    bool syncWal(QString *error);

    QString m_walPath;
    std::atomic<int> m_fd{-1}; // set by ready(), replaced by the sync thread
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::vector<Callback> m_waiting;
    bool m_syncing = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace inlet
