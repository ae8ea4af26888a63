#include "models/log/EventLogModel.h"

#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/LogRowsPage.h"
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

struct EventLogModel::Traits
{
    static qint64 seq(const Row &r) { return r.event.seq; }
    static QString id(const Row &r) { return r.event.id; }
    static bool same(const Row &a, const Row &b)
    {
        return a.event.status == b.event.status && a.actions == b.actions && a.event.eventType == b.event.eventType &&
               a.event.processingMs == b.event.processingMs;
    }
};

EventLogModel::EventLogModel(SqlWorker *worker, QObject *parent)
    : LogTableModel(worker, LogPageBounds::Table::Events, &EventLogModel::readPage, parent)
{}

EventLogModel::~EventLogModel() = default;

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const EventLogModel::Row *EventLogModel::row(int row) const
{
    const auto [page, at] = locate(row);
    return page ? &static_cast<const LogRowsPage<Row, Traits> *>(page)->at(at) : nullptr;
}

const EventRecord *EventLogModel::record(int row) const
{
    const Row *r = this->row(row);
    return r ? &r->event : nullptr;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row *loaded = this->row(index.row());
    if (!loaded)
        return role == Qt::DisplayRole && index.column() == 0 ? QVariant(placeholder()) : QVariant();
    const Row &row = *loaded;
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

LogPagePtr EventLogModel::readPage(QSqlDatabase &db, const LogFilter &filter, QString *error)
{
    const QList<EventRecord> events = EventLog(db).events(filter, false, error);
    QStringList ids;
    ids.reserve(events.size());
    for (const EventRecord &e : events)
        ids.append(e.id);
    QHash<QString, int> counts;
    countActions(db, &counts, ids);
    QList<Row> rows;
    rows.reserve(events.size());
    for (const EventRecord &e : events)
        rows.append(Row{e, counts.value(e.id)});
    return std::make_shared<LogRowsPage<Row, Traits>>(std::move(rows));
}

} // namespace inlet
