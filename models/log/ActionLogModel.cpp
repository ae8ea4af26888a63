#include "models/log/ActionLogModel.h"

#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/LogRowsPage.h"
#include "models/log/StatusStyle.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

struct ActionLogModel::Traits
{
    static qint64 seq(const ActionRecord &a) { return a.seq; }
    static QString id(const ActionRecord &a) { return a.id; }
    static bool same(const ActionRecord &a, const ActionRecord &b)
    {
        return a.status == b.status && a.error == b.error;
    }
};

ActionLogModel::ActionLogModel(SqlWorker *worker, QObject *parent)
    : LogTableModel(worker, LogPageBounds::Table::Actions, &ActionLogModel::readPage, parent)
{}

ActionLogModel::~ActionLogModel() = default;

int ActionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ActionLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ActionRecord *loaded = record(index.row());
    if (!loaded)
        return role == Qt::DisplayRole && index.column() == 0 ? QVariant(placeholder()) : QVariant();
    const ActionRecord &a = *loaded;
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

const ActionRecord *ActionLogModel::record(int row) const
{
    const auto [page, at] = locate(row);
    return page ? &static_cast<const LogRowsPage<ActionRecord, Traits> *>(page)->at(at) : nullptr;
}

LogPagePtr ActionLogModel::readPage(QSqlDatabase &db, const LogFilter &filter, QString *error)
{
    return std::make_shared<LogRowsPage<ActionRecord, Traits>>(EventLog(db).actions(filter, error));
}

} // namespace inlet
