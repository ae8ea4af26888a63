#include "models/log/ActionLogModel.h"

#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/StatusStyle.h"

#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionLogModel::ActionLogModel(SqlWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{
    m_tailTimer.setSingleShot(true);
    m_tailTimer.setInterval(500);
    connect(&m_tailTimer, &QTimer::timeout, this, &ActionLogModel::flushTail);
}

ActionLogModel::~ActionLogModel() = default;

int ActionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ActionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActionRecord &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Executed:
            return statusstyle::formatTime(a.executedAt);
        case Source:
            return a.source;
        case EventType:
            return a.eventType;
        case ActionType:
            return a.actionType;
        case Status:
            return a.status;
        case Error:
            return a.error;
        case Duration:
            return QString::number(double(a.durationUs) / 1000.0, 'f', 2);
        case EventId:
            return a.eventId;
        case Id:
            return a.id;
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(statusstyle::color(a.status)) : QVariant();
    case Qt::ToolTipRole:
        return index.column() == Error ? QVariant(a.error) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Duration ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case IdRole:
        return a.id;
    case StatusRole:
        return a.status;
    case EventIdRole:
        return a.eventId;
    }
    return {};
}

QVariant ActionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Executed:
        return tr("Executed");
    case Source:
        return tr("Source");
    case EventType:
        return tr("Event type");
    case ActionType:
        return tr("Action");
    case Status:
        return tr("Status");
    case Error:
        return tr("Error");
    case Duration:
        return tr("ms");
    case EventId:
        return tr("Event");
    case Id:
        return tr("Id");
    }
    return {};
}

bool ActionLogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_loading;
}

void ActionLogModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void ActionLogModel::setFilter(const LogFilter &filter)
{
    m_filter = filter;
    ++m_generation;
    m_latest->store(m_generation);
    m_loading = false;
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    endResetModel();
    m_total = -1;
    Q_EMIT totalCountChanged(-1);
    // A view reacting to the reset may already have asked for the first page.
    if (!m_loading)
        requestPage();
    requestCount();
}

const ActionRecord *ActionLogModel::record(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

ActionLogModel::Page ActionLogModel::readPage(QSqlDatabase &db, const LogFilter &filter)
{
    Page page;
    if (!db.isValid())
        page.error = u"no database connection"_s;
    else
        page.rows = EventLog(db).actions(filter, &page.error);
    return page;
}

// EventLog has no action count: the same filter columns, counted here.
qint64 ActionLogModel::count(QSqlDatabase &db, const LogFilter &f)
{
    QStringList where;
    QVariantList values;
    const auto add = [&](const QString &clause, const QVariant &value) {
        where.append(clause);
        values.append(value);
    };
    if (!f.env.isEmpty())
        add(u"env = ?"_s, f.env);
    if (!f.source.isEmpty())
        add(u"source = ?"_s, f.source);
    if (!f.eventType.isEmpty())
        add(u"event_type = ?"_s, f.eventType);
    if (!f.status.isEmpty())
        add(u"status = ?"_s, f.status);
    if (f.sinceMs > 0)
        add(u"executed_at >= ?"_s, f.sinceMs);
    if (f.untilMs > 0)
        add(u"executed_at < ?"_s, f.untilMs);
    if (!f.eventId.isEmpty())
        add(u"event_id = ?"_s, f.eventId);
    if (!f.actionType.isEmpty())
        add(u"action_type = ?"_s, f.actionType);
    if (!f.search.isEmpty()) {
        where.append(u"(instr(action_payload, ?) > 0 OR instr(action_result, ?) > 0"
                     " OR instr(coalesce(error, ''), ?) > 0)"_s);
        values << f.search << f.search << f.search;
    }
    QSqlQuery q(db);
    q.prepare(u"SELECT count(*) FROM actions"_s +
              (where.isEmpty() ? QString() : QString(u" WHERE "_s + where.join(u" AND "_s))));
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void ActionLogModel::requestPage()
{
    LogFilter f = m_filter;
    f.limit = m_pageSize;
    f.beforeSeq = m_rows.isEmpty() ? 0 : m_rows.constLast().seq;
    const int generation = m_generation;
    auto latest = m_latest;
    m_loading = true;
    m_worker->run<Page>(
        this,
        [f, generation, latest](QSqlDatabase &db) {
            if (latest->load() != generation)
                return Page{};
            return readPage(db, f);
        },
        [this, generation](Page page) {
            if (generation != m_generation)
                return;
            if (!page.error.isEmpty()) {
                m_loading = false;
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
            m_loading = false; // after the insertion: see EventLogModel
            Q_EMIT pageLoaded();
        });
}

void ActionLogModel::requestCount()
{
    const LogFilter f = m_filter;
    const int generation = m_generation;
    auto latest = m_latest;
    m_worker->run<qint64>(
        this,
        [f, generation, latest](QSqlDatabase &db) -> qint64 {
            return latest->load() != generation || !db.isValid() ? -1 : count(db, f);
        },
        [this, generation](qint64 n) {
            if (generation != m_generation || n < 0)
                return;
            m_total = n;
            Q_EMIT totalCountChanged(n);
        });
}

void ActionLogModel::setLiveTail(bool on)
{
    m_tail = on;
    if (on && m_tailPending)
        m_tailTimer.start();
}

void ActionLogModel::notifyNewEvents()
{
    m_tailPending = true;
    if (m_tail && !m_tailTimer.isActive())
        m_tailTimer.start();
}

void ActionLogModel::flushTail()
{
    if (!m_tail || !m_tailPending)
        return;
    if (m_loading) {
        m_tailTimer.start();
        return;
    }
    m_tailPending = false;
    LogFilter f = m_filter;
    f.limit = m_pageSize;
    f.beforeSeq = 0;
    const int generation = m_generation;
    m_worker->run<Page>(
        this, [f](QSqlDatabase &db) { return readPage(db, f); },
        [this, generation](Page page) {
            if (generation != m_generation || !page.error.isEmpty())
                return;
            const qint64 top = m_rows.isEmpty() ? 0 : m_rows.constFirst().seq;
            QList<ActionRecord> fresh;
            for (const ActionRecord &a : std::as_const(page.rows)) {
                if (a.seq > top)
                    fresh.append(a);
            }
            if (!m_rows.isEmpty() && fresh.size() >= m_pageSize) {
                refresh(); // a gap would open
                return;
            }
            if (fresh.isEmpty())
                return;
            beginInsertRows({}, 0, int(fresh.size() - 1));
            m_rows = fresh + m_rows;
            endInsertRows();
            if (m_total >= 0) {
                m_total += fresh.size();
                Q_EMIT totalCountChanged(m_total);
            }
        });
}

} // namespace inlet
