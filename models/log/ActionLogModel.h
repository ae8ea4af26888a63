#pragma once

#include "logs/ActionRecord.h"
#include "models/log/LogTableModel.h"

namespace inlet {

// The action log as a windowed table; same loading rules as the event log
// (LogTableModel).
class ActionLogModel final : public LogTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionLogModel)
public:
    enum Column { Executed, Source, EventType, ActionType, Status, Error, Duration, EventId, Id, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, EventIdRole };

    explicit ActionLogModel(SqlWorker *worker, QObject *parent = nullptr);
    ~ActionLogModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const ActionRecord *record(int row) const; // nullptr while the row is not loaded

private:
    struct Traits;
    static LogPagePtr readPage(QSqlDatabase &db, const LogFilter &filter, QString *error);
};

} // namespace inlet
