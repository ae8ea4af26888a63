#include "ingest/WalSyncer.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

WalSyncer::WalSyncer(QString databasePath)
    : m_walPath(databasePath + u"-wal"_s)
{
    m_thread = std::thread([this] { run(); });
}

WalSyncer::~WalSyncer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

bool WalSyncer::ready()
{
    std::lock_guard lock(m_mutex);
    if (m_fd >= 0)
        return true;
    const QByteArray path = QFile::encodeName(m_walPath);
    // Read-only is enough: fdatasync flushes the file, whatever the mode.
    m_fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    return m_fd.load() >= 0;
}

void WalSyncer::afterSync(std::vector<Callback> callbacks)
{
    {
        std::lock_guard lock(m_mutex);
        for (Callback &c : callbacks)
            m_waiting.push_back(std::move(c));
    }
    m_wake.notify_one();
}

void WalSyncer::flush()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_waiting.empty() && !m_syncing; });
}

bool WalSyncer::syncWal(QString *error)
{
    // SQLite keeps the WAL file while any connection is open, but check that
    // the file at the path is still the one held, and reopen if not.
    struct stat held
    {
    };
    struct stat now
    {
    };
    const QByteArray path = QFile::encodeName(m_walPath);
    if (::fstat(m_fd, &held) != 0 || ::stat(path.constData(), &now) != 0 || held.st_ino != now.st_ino ||
        held.st_dev != now.st_dev) {
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            *error = u"cannot open %1: %2"_s.arg(m_walPath, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        ::close(m_fd.exchange(fd));
    }
    if (::fdatasync(m_fd) != 0) {
        *error = u"fdatasync of %1 failed: %2"_s.arg(m_walPath, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    return true;
}

void WalSyncer::run()
{
    // Named apart from the store thread that starts it (a thread inherits
    // its creator's name): `top -H` and bench/ingest tell them apart.
    pthread_setname_np(pthread_self(), "inlet-sync");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
        if (m_waiting.empty()) // stopping, nothing left
            break;
        std::vector<Callback> batch;
        batch.swap(m_waiting);
        m_syncing = true;
        lock.unlock();
        QString error;
        const bool ok = syncWal(&error);
        for (Callback &c : batch)
            c(ok, error);
        batch.clear(); // the callbacks' captures die here, off the lock
        lock.lock();
        m_syncing = false;
        if (m_waiting.empty())
            m_idle.notify_all();
    }
}

} // namespace inlet
