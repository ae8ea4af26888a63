#pragma once

#include "logs/EventRecord.h"
#include "models/log/LogTableModel.h"

namespace inlet {

// The event log as a windowed table (LogTableModel): pages of compact
// records (no bodies; the detail pane reads the selected event) with each
// event's action count.
class EventLogModel final : public LogTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)
public:
    enum Column { Received, Source, EventType, Status, Verification, Key, Ms, Actions, Origin, Id, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, StatusRole, SeqRole };

    explicit EventLogModel(SqlWorker *worker, QObject *parent = nullptr);
    ~EventLogModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const EventRecord *record(int row) const; // nullptr while the row is not loaded

private:
    struct Row
    {
        EventRecord event;
        int actions = 0;
    };
    struct Traits;
    static LogPagePtr readPage(QSqlDatabase &db, const LogFilter &filter, QString *error);
    const Row *row(int row) const;
};

} // namespace inlet
