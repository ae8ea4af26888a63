#include "models/log/LogTableModel.h"

#include "models/db/SqlWorker.h"

namespace inlet {
namespace {

constexpr int kMaxInFlight = 2;

} // namespace

LogTableModel::LogTableModel(SqlWorker *worker, LogPageBounds::Table table, PageReader reader, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(std::make_unique<SqlWorker>(worker->url()))
    , m_countWorker(std::make_unique<SqlWorker>(worker->url()))
    , m_table(table)
    , m_reader(std::move(reader))
{
    m_tailTimer.setSingleShot(true);
    m_tailTimer.setInterval(500);
    connect(&m_tailTimer, &QTimer::timeout, this, &LogTableModel::flushTail);
}

LogTableModel::~LogTableModel()
{
    // A scan still running polls this and stops, so the count worker's
    // destructor does not wait for it.
    m_latest->store(-1);
}

int LogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_cache.rowCount();
}

int LogTableModel::knownRowCount() const
{
    const int n = m_cache.segmentCount();
    return m_cache.rowCount() - (n > 0 && m_cache.segment(n - 1).provisional ? m_cache.segment(n - 1).count : 0);
}

bool LogTableModel::isRowLoaded(int row) const
{
    const int s = m_cache.segmentAt(row);
    const LogPage *page = s < 0 ? nullptr : m_cache.page(m_cache.segment(s).id);
    return page && row - m_cache.start(s) < page->size();
}

int LogTableModel::rowOf(const QString &id) const
{
    for (int s = 0; s < m_cache.segmentCount(); ++s) {
        const LogPage *page = m_cache.page(m_cache.segment(s).id);
        if (!page)
            continue;
        for (int i = 0; i < page->size() && i < m_cache.segment(s).count; ++i) {
            if (page->id(i) == id)
                return m_cache.start(s) + i;
        }
    }
    return -1;
}

std::pair<const LogPage *, int> LogTableModel::locate(int row) const
{
    const int s = m_cache.segmentAt(row);
    if (s < 0)
        return {nullptr, -1};
    auto *self = const_cast<LogTableModel *>(this); // loading is a side effect of being looked at
    const LogPageCache::Segment &seg = m_cache.segment(s);
    const int offset = row - m_cache.start(s);
    // Near an edge, the neighbour is about to be needed: ask for it first so
    // the row asked for now is served first (newest wish first).
    if (offset >= seg.count * 3 / 4 && s + 1 < m_cache.segmentCount())
        self->request(s + 1);
    else if (offset < seg.count / 4 && s > 0)
        self->request(s - 1);
    const LogPage *page = m_cache.page(seg.id);
    if (!page) {
        self->request(s);
        return {nullptr, -1};
    }
    self->m_cache.touch(seg.id);
    if (offset >= page->size())
        return {nullptr, -1}; // fewer rows than counted (deleted meanwhile)
    return {page, offset};
}

void LogTableModel::setFilter(const LogFilter &filter)
{
    m_filter = filter;
    ++m_generation;
    m_latest->store(m_generation);
    beginResetModel();
    m_cache.clear();
    endResetModel();
    m_wanted.clear();
    m_pending.clear();
    m_error.clear();
    setTotal(-1);
    // The first page: read from the newest row; how many rows it has is
    // unknown until it arrives.
    m_cache.insert(0, m_cache.make(LogPageCache::kNewest, 0, true, false));
    dispatch(0);
}

void LogTableModel::request(int segment)
{
    const int id = m_cache.segment(segment).id;
    if (m_pending.contains(id) || m_cache.page(id))
        return;
    m_wanted.removeOne(id);
    m_wanted.append(id);
    // Wishes beyond what the cache can hold are pages the view has left.
    while (m_wanted.size() > m_cache.maxPages())
        m_wanted.removeFirst();
    // Dispatching later lets one paint's wishes accumulate, newest first.
    if (!m_pumpQueued) {
        m_pumpQueued = true;
        QMetaObject::invokeMethod(this, &LogTableModel::pump, Qt::QueuedConnection);
    }
}

void LogTableModel::pump()
{
    m_pumpQueued = false;
    while (m_pending.size() < kMaxInFlight && !m_wanted.isEmpty()) {
        const int index = m_cache.indexOf(m_wanted.takeLast());
        if (index >= 0 && !m_cache.page(m_cache.segment(index).id) && !m_pending.contains(m_cache.segment(index).id))
            dispatch(index);
    }
}

void LogTableModel::dispatch(int segment)
{
    const LogPageCache::Segment &seg = m_cache.segment(segment);
    LogFilter f = m_filter;
    f.beforeSeq = seg.upper;
    f.limit = seg.provisional ? m_pageSize : seg.count;
    const int generation = m_generation;
    const int id = seg.id;
    auto latest = m_latest;
    PageReader reader = m_reader;
    m_pending.insert(id);
    setLoading(true);
    m_worker->run<Reply>(
        this,
        [f, generation, latest, reader](QSqlDatabase &db) {
            Reply reply;
            if (latest->load() != generation)
                return reply; // superseded before it started
            if (!db.isValid())
                reply.error = tr("no database connection");
            else
                reply.page = reader(db, f, &reply.error);
            return reply;
        },
        [this, generation, id](Reply reply) {
            if (generation != m_generation)
                return; // a reply to an older filter
            m_pending.remove(id);
            onPage(id, reply);
            pump();
            if (m_pending.isEmpty())
                setLoading(false);
        });
}

void LogTableModel::onPage(int id, const Reply &reply)
{
    const int index = m_cache.indexOf(id);
    if (index < 0)
        return; // its segment was replaced by the bounds meanwhile
    if (!reply.error.isEmpty() || !reply.page) {
        m_error = reply.error;
        Q_EMIT errorOccurred(reply.error);
        if (m_cache.segment(index).provisional) {
            const int start = m_cache.start(index);
            const int count = m_cache.segment(index).count;
            if (count > 0)
                beginRemoveRows({}, start, start + count - 1);
            m_cache.remove(index);
            if (count > 0)
                endRemoveRows();
        }
        return;
    }
    if (m_cache.segment(index).provisional) {
        settleProvisional(index, reply.page);
    } else {
        m_cache.setPage(id, reply.page);
        const int start = m_cache.start(index);
        const int last = qMin(m_cache.segment(index).count, reply.page->size()) - 1;
        if (last >= 0)
            Q_EMIT dataChanged(this->index(start, 0), this->index(start + last, columnCount() - 1));
    }
    Q_EMIT pageLoaded();
}

// A page past what is known has arrived: its real size replaces the guess,
// and while the count is unknown, a page more is announced after it.
void LogTableModel::settleProvisional(int index, const LogPagePtr &page)
{
    const int id = m_cache.segment(index).id;
    const bool first = m_cache.segment(index).upper == LogPageCache::kNewest;
    const int start = m_cache.start(index);
    const int guess = m_cache.segment(index).count;
    const int n = page->size();
    if (first && n > 0)
        m_cache.setUpper(index, page->seq(0) + 1); // frozen: newer rows come as tail
    m_cache.setProvisional(index, false);
    // The page goes in first: a view repainting during the row signals
    // must find it rather than ask for it again.
    if (n > 0)
        m_cache.setPage(id, page);
    if (n > guess) {
        beginInsertRows({}, start + guess, start + n - 1);
        m_cache.setCount(index, n);
        endInsertRows();
    } else if (n < guess) {
        beginRemoveRows({}, start + n, start + guess - 1);
        m_cache.setCount(index, n);
        endRemoveRows();
    }
    if (n == 0)
        m_cache.remove(index);
    else if (qMin(n, guess) > 0)
        Q_EMIT dataChanged(this->index(start, 0), this->index(start + qMin(n, guess) - 1, columnCount() - 1));
    if (m_total >= 0)
        return;
    if (n < m_pageSize) {
        setTotal(m_cache.rowCount()); // the end, reached before the count
        return;
    }
    const int row = m_cache.rowCount();
    beginInsertRows({}, row, row + m_pageSize - 1);
    m_cache.insert(m_cache.segmentCount(), m_cache.make(page->seq(n - 1), m_pageSize, true, false));
    endInsertRows();
    if (first)
        requestBounds(page->seq(0) + 1);
}

void LogTableModel::requestBounds(qint64 upper)
{
    LogFilter f = m_filter;
    f.beforeSeq = upper;
    const int generation = m_generation;
    const int pageSize = m_pageSize;
    const LogPageBounds::Table table = m_table;
    auto latest = m_latest;
    m_countWorker->run<LogPageBounds>(
        this,
        [f, generation, pageSize, table, latest](QSqlDatabase &db) {
            if (latest->load() != generation || !db.isValid())
                return LogPageBounds{};
            return LogPageBounds::scan(db, table, f, pageSize,
                                       [latest, generation] { return latest->load() != generation; });
        },
        [this, generation, upper](LogPageBounds bounds) {
            if (generation != m_generation)
                return;
            if (!bounds.error.isEmpty()) {
                m_error = bounds.error;
                Q_EMIT errorOccurred(bounds.error);
            }
            if (bounds.count >= 0)
                applyBounds(upper, bounds);
        });
}

// The count and page bounds of the rows below `upper` replace what was
// guessed there. Tail pages above `upper` stay; pages already loaded keep
// their rows when a bound matches (same upper key: same rows).
void LogTableModel::applyBounds(qint64 upper, const LogPageBounds &bounds)
{
    int from = 0;
    while (from < m_cache.segmentCount() && m_cache.segment(from).upper > upper)
        ++from;
    const int start = from < m_cache.segmentCount() ? m_cache.start(from) : m_cache.rowCount();
    const int oldRows = m_cache.rowCount() - start;
    QHash<qint64, LogPageCache::Segment> old;
    for (int i = from; i < m_cache.segmentCount(); ++i)
        old.insert(m_cache.segment(i).upper, m_cache.segment(i));
    QList<LogPageCache::Segment> fresh;
    bool dropped = false;
    for (qint64 k = 0, left = bounds.count; left > 0; ++k) {
        const qint64 key = k == 0 ? upper : bounds.bounds.value(k - 1);
        const int count = int(qMin<qint64>(m_pageSize, left));
        left -= count;
        const auto it = old.constFind(key);
        if (it != old.cend() && (it->provisional || it->count == count)) {
            fresh.append(LogPageCache::Segment{it->id, key, count, false, false});
            old.erase(it);
        } else {
            fresh.append(m_cache.make(key, count, false, false));
        }
    }
    for (const LogPageCache::Segment &s : std::as_const(old)) {
        dropped = dropped || m_cache.page(s.id);
        m_pending.remove(s.id); // its reply will find no segment
    }
    const int newRows = int(bounds.count);
    if (newRows > oldRows)
        beginInsertRows({}, start + oldRows, start + newRows - 1);
    else if (newRows < oldRows)
        beginRemoveRows({}, start + newRows, start + oldRows - 1);
    m_cache.replaceFrom(from, fresh);
    if (newRows > oldRows)
        endInsertRows();
    else if (newRows < oldRows)
        endRemoveRows();
    if (dropped && qMin(newRows, oldRows) > 0)
        Q_EMIT dataChanged(index(start, 0), index(start + qMin(newRows, oldRows) - 1, columnCount() - 1));
    setTotal(m_cache.rowCount());
}

void LogTableModel::setTotal(qint64 total)
{
    m_total = total;
    Q_EMIT totalCountChanged(total);
}

void LogTableModel::setLiveTail(bool on)
{
    m_tail = on;
    if (on && m_tailPending)
        m_tailTimer.start();
}

void LogTableModel::notifyNewEvents()
{
    m_tailPending = true;
    if (m_tail && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void LogTableModel::flushTail()
{
    if (!m_tail || !m_tailPending)
        return;
    // The newest rows are only comparable once the first page has frozen
    // the top of the table.
    const bool firstPending = m_cache.segmentCount() > 0 && m_cache.segment(0).upper == LogPageCache::kNewest;
    if (m_tailBusy || firstPending) {
        m_tailTimer.start(); // try again next tick
        return;
    }
    m_tailPending = false;
    m_tailBusy = true;
    LogFilter f = m_filter;
    f.limit = m_pageSize;
    f.beforeSeq = 0;
    const int generation = m_generation;
    PageReader reader = m_reader;
    m_worker->run<Reply>(
        this,
        [f, reader](QSqlDatabase &db) {
            Reply reply;
            if (db.isValid())
                reply.page = reader(db, f, &reply.error);
            return reply;
        },
        [this, generation](Reply reply) {
            m_tailBusy = false;
            if (generation == m_generation && reply.error.isEmpty() && reply.page)
                mergeTail(*reply.page);
        });
}

void LogTableModel::mergeTail(const LogPage &page)
{
    const qint64 top = m_cache.segmentCount() > 0 ? m_cache.segment(0).upper : 1; // exclusive
    int fresh = 0;
    while (fresh < page.size() && page.seq(fresh) >= top)
        ++fresh;
    if (fresh >= m_pageSize) {
        refresh(); // a page or more arrived: a gap could open, so start over
        return;
    }
    updateShown(page, fresh);
    if (fresh > 0) {
        const LogPagePtr rows = page.mid(0, fresh);
        beginInsertRows({}, 0, fresh - 1);
        if (m_cache.segmentCount() > 0 && m_cache.segment(0).tail && m_cache.segment(0).count + fresh <= m_pageSize) {
            // Grow the newest tail page rather than add many tiny ones.
            const int id = m_cache.segment(0).id;
            if (LogPage *p = m_cache.page(id))
                p->prepend(*rows);
            m_cache.setCount(0, m_cache.segment(0).count + fresh);
            m_cache.setUpper(0, rows->seq(0) + 1);
        } else {
            m_cache.insert(0, m_cache.make(rows->seq(0) + 1, fresh, false, true));
            m_cache.setPage(m_cache.segment(0).id, rows);
        }
        endInsertRows();
        if (m_total >= 0)
            setTotal(m_total + fresh);
    }
    Q_EMIT tailFlushed(fresh);
}

// Rows already shown may have moved on (accepted -> processed).
void LogTableModel::updateShown(const LogPage &page, int from)
{
    for (int j = from; j < page.size(); ++j) {
        const int s = m_cache.indexOfSeq(page.seq(j));
        LogPage *shown = s < 0 ? nullptr : m_cache.page(m_cache.segment(s).id);
        if (!shown)
            continue;
        for (int i = 0; i < shown->size(); ++i) {
            if (shown->seq(i) != page.seq(j))
                continue;
            if (shown->update(i, page, j)) {
                const int row = m_cache.start(s) + i;
                Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
            }
            break;
        }
    }
}

void LogTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace inlet
