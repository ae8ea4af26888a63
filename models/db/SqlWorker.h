#pragma once

#include "store/DatabaseUrl.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QThread>

#include <functional>
#include <memory>

namespace inlet {

// Runs queries on a thread of its own with its own connection, so the GUI
// never waits on SQLite. Qt SQL connections cannot move between threads
// (Qt 6.4 has no QSqlDatabase::moveToThread), hence one connection opened on
// the worker thread. Results come back on the thread that owns the worker,
// and only while the receiver still exists.
class SqlWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SqlWorker)
public:
    explicit SqlWorker(DatabaseUrl url, QObject *parent = nullptr);
    ~SqlWorker() override;

    // Runs `job` on the worker thread. The connection is invalid if it could
    // not be opened; jobs must cope.
    void post(std::function<void(QSqlDatabase &)> job);

    // Runs `work` on the worker thread, then `done(result)` on this object's
    // thread if `receiver` is still alive.
    template <typename R>
    void run(QObject *receiver, std::function<R(QSqlDatabase &)> work, std::function<void(R)> done)
    {
        QPointer<QObject> guard(receiver);
        // `this` outlives every job: the destructor waits for the thread.
        post([this, guard, work = std::move(work), done = std::move(done)](QSqlDatabase &db) mutable {
            auto result = std::make_shared<R>(work(db));
            QMetaObject::invokeMethod(
                this,
                [guard, done = std::move(done), result] {
                    if (guard)
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        });
    }

    const DatabaseUrl &url() const { return m_url; }

private:
    struct Connection;
    DatabaseUrl m_url;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; jobs are queued to it
    std::shared_ptr<Connection> m_connection;
};

} // namespace inlet
