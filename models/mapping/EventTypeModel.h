#pragma once

#include <QAbstractListModel>
#include <QDateTime>

#include <memory>

namespace inlet {

class SqlWorker;

// The event types of one source configuration: those seen in traffic (with
// the last time and count, read on the worker thread) and those only
// configured in mappings (shown greyed).
class EventTypeModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventTypeModel)
public:
    enum Role { TypeRole = Qt::UserRole + 1, CountRole, LastReceivedRole, SeenRole, MappingCountRole };

    explicit EventTypeModel(SqlWorker *worker, QObject *parent = nullptr); // `worker` names the database
    ~EventTypeModel() override;

    // Loads the types seen for (source, env) and merges `configured`
    // (event type -> number of mappings).
    void load(const QString &source, const QString &env, const QHash<QString, int> &configured);
    void setConfigured(const QHash<QString, int> &configured);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString &type) const;

Q_SIGNALS:
    void loaded();

private:
    struct Seen
    {
        QString type;
        qint64 count = 0;
        qint64 lastMs = 0;
    };
    struct Row
    {
        QString type;
        qint64 count = 0;
        qint64 lastMs = 0;
        int mappings = 0;
    };
    void rebuild();

    // Its own thread and connection: counting a source's types reads every
    // event of the source (seconds at a million events) and must not hold up
    // the other views' queries.
    std::unique_ptr<SqlWorker> m_worker;
    QList<Seen> m_seen;
    QHash<QString, int> m_configured;
    QList<Row> m_rows;
    int m_generation = 0;
};

} // namespace inlet
