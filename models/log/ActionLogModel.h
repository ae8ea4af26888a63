#pragma once

#include "logs/ActionRecord.h"
#include "logs/LogFilter.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <QTimer>

#include <atomic>
#include <memory>

namespace inlet {

class SqlWorker;

// The action log as a lazy table; same loading rules as EventLogModel:
// keyset pages on the worker thread, a generation counter dropping stale
// replies, the count in the background, live tail in timer batches.
class ActionLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionLogModel)
public:
    enum Column { Executed, Source, EventType, ActionType, Status, Error, Duration, EventId, Id, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, EventIdRole };

    explicit ActionLogModel(SqlWorker *worker, QObject *parent = nullptr);
    ~ActionLogModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }
    void setPageSize(int rows) { m_pageSize = rows; }

    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loading; }
    const ActionRecord *record(int row) const;

    void setLiveTail(bool on);
    bool liveTail() const { return m_tail; }
    void notifyNewEvents();

Q_SIGNALS:
    void totalCountChanged(qint64 count);
    void pageLoaded();
    void errorOccurred(const QString &message);

private:
    struct Page
    {
        QList<ActionRecord> rows;
        QString error;
    };
    static Page readPage(QSqlDatabase &db, const LogFilter &filter);
    static qint64 count(QSqlDatabase &db, const LogFilter &filter);
    void requestPage();
    void requestCount();
    void flushTail();

    SqlWorker *m_worker;
    LogFilter m_filter;
    QList<ActionRecord> m_rows;
    int m_pageSize = 200;
    int m_generation = 0;
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    bool m_loading = false;
    bool m_exhausted = false;
    bool m_tail = false;
    bool m_tailPending = false;
    qint64 m_total = -1;
    QTimer m_tailTimer;
};

} // namespace inlet
