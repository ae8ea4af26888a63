#pragma once

#include "logs/LogFilter.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace inlet {

class SqlWorker;

// Writes the events or actions matching a filter to a file as NDJSON (one
// JSON record per line) or CSV, page by page on the worker thread, with
// progress and cancellation.
class LogExporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogExporter)
public:
    enum class Kind { Events, Actions };
    enum class Format { Ndjson, Csv };

    LogExporter(SqlWorker *worker, QObject *parent = nullptr);

    void start(Kind kind, LogFilter filter, Format format, const QString &path);
    void cancel();

    static QString csvField(const QString &text);

Q_SIGNALS:
    void progress(qint64 rows);
    void finished(bool ok, qint64 rows, const QString &error);

private:
    SqlWorker *m_worker;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
};

} // namespace inlet
