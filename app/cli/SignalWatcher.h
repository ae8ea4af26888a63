#pragma once

#include <QObject>

class QSocketNotifier;

namespace inlet::cli {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (the
// self-pipe trick: the handler only writes a byte).
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace inlet::cli
