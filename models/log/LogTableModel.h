#pragma once

#include "logs/LogFilter.h"
#include "logs/LogPageBounds.h"
#include "models/log/LogPageCache.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSqlDatabase>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace inlet {

class SqlWorker;

// What the event and action log tables share: a windowed, sparse row cache
// that stays small at millions of rows.
//
// - rowCount() is the background count (LogPageBounds, on a worker of its
//   own so a slow count never delays a page); until it arrives, the rows
//   loaded plus one page.
// - data() of a row that is not loaded returns a placeholder and schedules
//   the page holding it (and, near a page edge, its neighbour) on the worker
//   thread: keyset queries from the page bounds, never OFFSET. The newest
//   requests go first, at most two in flight; requests for pages the view
//   left behind are dropped.
// - At most maxCachedPages() pages are kept; the least recently used go.
// - Every filter change bumps a generation; older replies are dropped and
//   superseded jobs do not run (a running scan stops).
// - Live tail prepends new rows in one batch per timer tick.
class LogTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogTableModel)
public:
    using PageReader = std::function<LogPagePtr(QSqlDatabase &, const LogFilter &, QString *error)>;

    ~LogTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;

    void setFilter(const LogFilter &filter); // resets and loads the first page
    const LogFilter &filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }
    void setPageSize(int rows) { m_pageSize = qMax(1, rows); }
    int pageSize() const { return m_pageSize; }
    void setMaxCachedPages(int pages) { m_cache.setMaxPages(qMax(2, pages)); }
    int maxCachedPages() const { return m_cache.maxPages(); }

    qint64 totalCount() const { return m_total; } // -1 while unknown
    bool isLoading() const { return m_loading; }
    QString lastError() const { return m_error; }
    int knownRowCount() const; // rows known to exist (rowCount() without the page guessed past them)
    int loadedRowCount() const { return m_cache.cachedRows(); } // rows held in memory
    bool isRowLoaded(int row) const;
    int rowOf(const QString &id) const; // among loaded rows; -1 otherwise

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

protected:
    // `worker` names the database; the model opens its own connections.
    LogTableModel(SqlWorker *worker, LogPageBounds::Table table, PageReader reader, QObject *parent);

    // The loaded page and the row in it, or {nullptr, -1} (then the page is
    // requested). For data().
    std::pair<const LogPage *, int> locate(int row) const;
    QString placeholder() const { return tr("loading..."); }

private:
    struct Reply
    {
        LogPagePtr page;
        QString error;
    };
    void request(int segment);
    void pump();
    void dispatch(int segment);
    void onPage(int id, const Reply &reply);
    void settleProvisional(int index, const LogPagePtr &page);
    void requestBounds(qint64 upper);
    void applyBounds(qint64 upper, const LogPageBounds &bounds);
    void setTotal(qint64 total);
    void flushTail();
    void mergeTail(const LogPage &page);
    void updateShown(const LogPage &page, int from);
    void setLoading(bool loading);

    // Pages and counts have threads and connections of their own: a page
    // never waits behind the count scan or the other views' queries (the
    // overview's or the sources' aggregates take seconds at a million rows).
    std::unique_ptr<SqlWorker> m_worker;
    std::unique_ptr<SqlWorker> m_countWorker;
    LogPageBounds::Table m_table;
    PageReader m_reader;
    LogFilter m_filter;
    LogPageCache m_cache;
    QList<int> m_wanted; // segment ids, newest wish last
    QSet<int> m_pending;
    int m_pageSize = 200;
    int m_generation = 0;
    std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
    bool m_loading = false;
    bool m_pumpQueued = false;
    bool m_tail = false;
    bool m_tailPending = false;
    bool m_tailBusy = false;
    qint64 m_total = -1;
    QString m_error;
    QTimer m_tailTimer;
};

} // namespace inlet
