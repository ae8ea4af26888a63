#pragma once

#include <QDeadlineTimer>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

class QJSEngine;

namespace inlet {

// One thread for the whole process that interrupts scripts running past
// their deadline (QJSEngine::setInterrupted is safe from another thread), so
// no thread is started per script run.
class ScriptWatchdog final
{
public:
    static ScriptWatchdog &instance();
    ~ScriptWatchdog();

    quint64 arm(QJSEngine *engine, int timeoutMs);
    void disarm(quint64 token);

private:
    ScriptWatchdog();
    void loop();

    struct Watch
    {
        QJSEngine *engine;
        QDeadlineTimer deadline;
    };
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::map<quint64, Watch> m_watches;
    quint64 m_next = 1;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace inlet
