#include "script/ScriptWatchdog.h"

#include <QJSEngine>

#include <chrono>

namespace inlet {

ScriptWatchdog &ScriptWatchdog::instance()
{
    static ScriptWatchdog watchdog;
    return watchdog;
}

ScriptWatchdog::ScriptWatchdog()
    : m_thread([this] { loop(); })
{}

ScriptWatchdog::~ScriptWatchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

quint64 ScriptWatchdog::arm(QJSEngine *engine, int timeoutMs)
{
    std::lock_guard lock(m_mutex);
    const quint64 token = m_next++;
    m_watches.emplace(token, Watch{engine, QDeadlineTimer(timeoutMs)});
    m_changed.notify_all();
    return token;
}

void ScriptWatchdog::disarm(quint64 token)
{
    std::lock_guard lock(m_mutex);
    m_watches.erase(token);
}

void ScriptWatchdog::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        qint64 waitMs = 1000;
        for (auto it = m_watches.begin(); it != m_watches.end();) {
            if (it->second.deadline.hasExpired()) {
                it->second.engine->setInterrupted(true);
                it = m_watches.erase(it);
            } else {
                waitMs = qMin(waitMs, it->second.deadline.remainingTime());
                ++it;
            }
        }
        m_changed.wait_for(lock, std::chrono::milliseconds(qMax<qint64>(1, waitMs)));
    }
}

} // namespace inlet
