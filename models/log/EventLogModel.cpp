#include "models/log/EventLogModel.h"

#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/StatusStyle.h"

#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// Number of actions of each event of a page, in one query.
void countActions(QSqlDatabase &db, QHash<QString, int> *counts, const QStringList &ids)
{
    if (ids.isEmpty())
        return;
    QStringList marks(ids.size(), u"?"_s);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT event_id, count(*) FROM actions WHERE event_id IN ("_s + marks.join(u',') +
              u") GROUP BY event_id"_s);
    for (const QString &id : ids)
        q.addBindValue(id);
    if (q.exec()) {
        while (q.next())
            counts->insert(q.value(0).toString(), q.value(1).toInt());
    }
}

} // namespace

EventLogModel::EventLogModel(SqlWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
    m_tailTimer.setSingleShot(true);
    m_tailTimer.setInterval(500);
    connect(&m_tailTimer, &QTimer::timeout, this, &EventLogModel::flushTail);
}

EventLogModel::~EventLogModel() = default;

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const EventRecord &e = row.event;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Received:
            return statusstyle::formatTime(e.receivedAt);
        case Source:
            return e.source;
        case EventType:
            return e.eventType.isEmpty() ? u"-"_s : e.eventType;
        case Status:
            return e.status;
        case Verification:
            return e.verificationStatus;
        case Key:
            return e.idempotencyKey.isEmpty() ? u"-"_s : e.idempotencyKey;
        case Ms:
            return e.processingMs < 0 ? QVariant(u"-"_s) : QVariant(QString::number(e.processingMs, 'f', 1));
        case Actions:
            return e.status == u"rejected" ? QVariant(u"-"_s) : QVariant(row.actions);
        case Origin:
            return e.origin;
        case Id:
            return e.id;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Status)
            return statusstyle::color(e.status);
        if (index.column() == Verification)
            return statusstyle::color(e.verificationStatus == u"failed" ? u"failed"_s : e.verificationStatus);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Status && !e.statusDetail.isEmpty())
            return e.statusDetail;
        if (index.column() == Verification && !e.verificationReason.isEmpty())
            return e.verificationReason;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Ms || index.column() == Actions)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return e.id;
    case StatusRole:
        return e.status;
    case SeqRole:
        return e.seq;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Received:
        return tr("Received");
    case Source:
        return tr("Source");
    case EventType:
        return tr("Event type");
    case Status:
        return tr("Status");
    case Verification:
        return tr("Verification");
    case Key:
        return tr("Idempotency key");
    case Ms:
        return tr("ms");
    case Actions:
        return tr("Actions");
    case Origin:
        return tr("Origin");
    case Id:
        return tr("Id");
    }
    return {};
}

bool EventLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_loading;
}

void EventLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void EventLogModel::setFilter(const LogFilter &filter)
{
    m_filter = filter;
    ++m_generation;
    m_latest->store(m_generation);
    m_loading = false;
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    endResetModel();
    m_error.clear();
    m_total = -1;
    Q_EMIT totalCountChanged(-1);
    // A view reacting to the reset may already have asked for the first page.
    if (!m_loading)
        requestPage();
    requestCount();
}

const EventRecord *EventLogModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).event : nullptr;
}

int EventLogModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).event.id == id)
            return i;
    }
    return -1;
}

EventLogModel::Page EventLogModel::readPage(QSqlDatabase &db, const LogFilter &filter)
{
    Page page;
    if (!db.isValid()) {
        page.error = u"no database connection"_s;
        return page;
    }
    const QList<EventRecord> events = EventLog(db).events(filter, false, &page.error);
    QStringList ids;
    ids.reserve(events.size());
    for (const EventRecord &e : events)
        ids.append(e.id);
    QHash<QString, int> counts;
    countActions(db, &counts, ids);
    page.rows.reserve(events.size());
    for (const EventRecord &e : events)
        page.rows.append(Row{e, counts.value(e.id)});
    return page;
}

void EventLogModel::requestPage()
{
    LogFilter f = m_filter;
    f.limit = m_pageSize;
    f.beforeSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().event.seq;
    const int generation = m_generation;
    auto latest = m_latest;
    setLoading(true);
    m_worker->run<Page>(
        this,
        [f, generation, latest](QSqlDatabase &db) {
            if (latest->load() != generation)
                return Page{}; // superseded before it started
            return readPage(db, f);
        },
        [this, generation](Page page) {
            if (generation != m_generation)
                return; // a reply to an older filter
            if (!page.error.isEmpty()) {
                setLoading(false);
                m_error = page.error;
                m_exhausted = true;
                Q_EMIT errorOccurred(page.error);
                return;
            }
            if (page.rows.size() < m_pageSize)
                m_exhausted = true;
            if (!page.rows.isEmpty()) {
                beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
                m_rows.append(page.rows);
                endInsertRows();
            }
            // Only now may a view ask for the next page: asked during the
            // insertion, it would start from the previous last row.
            setLoading(false);
            Q_EMIT pageLoaded();
        });
}

void EventLogModel::requestCount()
{
    const LogFilter f = m_filter;
    const int generation = m_generation;
    auto latest = m_latest;
    m_worker->run<qint64>(
        this,
        [f, generation, latest](QSqlDatabase &db) -> qint64 {
            if (latest->load() != generation || !db.isValid())
                return -1;
            return EventLog(db).countEvents(f);
        },
        [this, generation](qint64 count) {
            if (generation != m_generation || count < 0)
                return;
            m_total = count;
            Q_EMIT totalCountChanged(count);
        });
}

void EventLogModel::setLiveTail(bool on)
{
    m_tail = on;
    if (on && m_tailPending)
        m_tailTimer.start();
}

void EventLogModel::notifyNewEvents()
{
    m_tailPending = true;
    if (m_tail && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void EventLogModel::flushTail()
{
    if (!m_tail || !m_tailPending)
        return;
    if (m_tailBusy || m_loading) {
        m_tailTimer.start(); // try again next tick
        return;
    }
    m_tailPending = false;
    m_tailBusy = true;
    LogFilter f = m_filter;
    f.limit = m_pageSize;
    f.beforeSeq = 0;
    const int generation = m_generation;
    m_worker->run<Page>(
        this, [f](QSqlDatabase &db) { return readPage(db, f); },
        [this, generation](Page page) {
            m_tailBusy = false;
            if (generation == m_generation && page.error.isEmpty())
                mergeTail(std::move(page));
        });
}

void EventLogModel::mergeTail(Page page)
{
    const qint64 top = m_rows.isEmpty() ? 0 : m_rows.constFirst().event.seq;
    QList<Row> fresh;
    for (Row &row : page.rows) {
        if (row.event.seq > top) {
            fresh.append(row);
            continue;
        }
        // Rows already shown: their status may have moved on (accepted -> processed).
        const int at = rowOf(row.event.id);
        if (at >= 0 && (m_rows.at(at).event.status != row.event.status || m_rows.at(at).actions != row.actions)) {
            m_rows[at] = row;
            Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
        }
    }
    if (!m_rows.isEmpty() && fresh.size() == page.rows.size() && fresh.size() >= m_pageSize) {
        refresh(); // more arrived than one page: a gap would open, so start over
        return;
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, 0, int(fresh.size() - 1));
        m_rows = fresh + m_rows;
        endInsertRows();
        if (m_rows.size() == fresh.size() && fresh.size() < m_pageSize)
            m_exhausted = true;
        if (m_total >= 0) {
            m_total += fresh.size();
            Q_EMIT totalCountChanged(m_total);
        }
    }
    Q_EMIT tailFlushed(int(fresh.size()));
}

void EventLogModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace inlet
