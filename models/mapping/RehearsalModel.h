#pragma once

#include "config/Configuration.h"
#include "logs/EventRecord.h"

#include <QAbstractTableModel>

namespace inlet {

class SqlWorker;

// "Rehearse on last N": runs unsaved mappings against stored events of one
// type on the worker thread (Replayer::rehearseEvent inside a rolled-back
// transaction) and lists what each action would have done.
class RehearsalModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RehearsalModel)
public:
    enum Column { Event, Received, Action, Status, Detail, ColumnCount };

    explicit RehearsalModel(SqlWorker *worker, QObject *parent = nullptr);

    // `base` is the saved configuration; `edited` replaces its (source, env).
    void rehearse(const Configuration &base, const SourceConfig &edited, const QString &eventType, int lastN);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int eventCount() const { return m_events; }
    int failureCount() const;

Q_SIGNALS:
    void finished();

private:
    struct Row
    {
        QString eventId;
        qint64 receivedAt = 0;
        QString action;
        QString status;
        QString detail;
    };
    struct Outcome
    {
        QList<Row> rows;
        int events = 0;
    };
    QList<Row> m_rows;
    SqlWorker *m_worker;
    int m_events = 0;
    int m_generation = 0;
};

} // namespace inlet
