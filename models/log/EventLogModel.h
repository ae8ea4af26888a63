#pragma once

#include "logs/EventRecord.h"
#include "logs/LogFilter.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QTimer>

#include <atomic>
#include <memory>

namespace inlet {

class SqlWorker;

// The event log as a lazy table: pages are read newest first on the worker
// thread with keyset paging (`seq < last`), never OFFSET, as the view asks
// for more (canFetchMore/fetchMore). Filters are SQL (LogFilter). Every
// filter change bumps a generation; replies of older generations are
// dropped. The total row count is computed separately in the background.
// With live tail on, new events are prepended in one batch per timer tick.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)
public:
    enum Column { Received, Source, EventType, Status, Verification, Key, Ms, Actions, Origin, Id, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, SeqRole };

    explicit EventLogModel(SqlWorker *worker, QObject *parent = nullptr);
    ~EventLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const LogFilter &filter); // resets and loads the first page
    const LogFilter &filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }
    void setPageSize(int rows) { m_pageSize = rows; }
    int pageSize() const { return m_pageSize; }

    qint64 totalCount() const { return m_total; } // -1 while unknown
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_error; }
    const EventRecord *record(int row) const;
    int rowOf(const QString &id) const;

    // Live tail: notifyNewEvents() (engine signals) schedules one refresh
    // of the newest rows per tick; new rows are prepended in one batch.
    void setLiveTail(bool on);
    bool liveTail() const { return m_tail; }
    void notifyNewEvents();
    void setTailInterval(int ms) { m_tailTimer.setInterval(ms); }

Q_SIGNALS:
    void totalCountChanged(qint64 count);
    void loadingChanged(bool loading);
    void pageLoaded();
    void tailFlushed(int inserted);
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        EventRecord event;
        int actions = 0;
    };
    struct Page
    {
        QList<Row> rows;
        QString error;
    };
    static Page readPage(QSqlDatabase &db, const LogFilter &filter);
    void requestPage();
    void requestCount();
    void flushTail();
    void mergeTail(Page page);
    void setLoading(bool loading);

    SqlWorker *m_worker;
    LogFilter m_filter;
    QList<Row> m_rows;
    int m_pageSize = 200;
    int m_generation = 0;
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    bool m_loading = false;
    bool m_exhausted = false;
    bool m_tail = false;
    bool m_tailPending = false;
    bool m_tailBusy = false;
    qint64 m_total = -1;
    QString m_error;
    QTimer m_tailTimer;
};

} // namespace inlet
