#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>

namespace inlet {

class SqlWorker;

// One listing of the store (users, objects, tenants, audiences, workflows,
// workflow runs) of an environment, read through StoreQueries on the worker
// thread, with a text filter. Columns are chosen per kind; the whole record
// is available as JSON for the detail pane.
class StoreTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreTableModel)
public:
    enum class Kind { Users, Objects, Tenants, Audiences, Workflows, Runs };
    enum Role { RecordRole = Qt::UserRole + 1, EventIdRole };

    StoreTableModel(SqlWorker *worker, Kind kind, QObject *parent = nullptr);

    void load(const QString &env, const QString &text = {}, int limit = 1000);
    Kind kind() const { return m_kind; }
    QJsonObject record(int row) const { return m_rows.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

private:
    QStringList keys() const; // JSON members shown as columns

    SqlWorker *m_worker;
    Kind m_kind;
    QList<QJsonObject> m_rows;
    int m_generation = 0;
};

} // namespace inlet
