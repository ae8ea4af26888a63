#pragma once

#include "config/Configuration.h"

#include <QAbstractListModel>

namespace inlet {

class SqlWorker;

// The sources of the configuration with, for the selected environment, the
// time of the last event and the event count (read on the worker thread).
class SourceListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceListModel)
public:
    enum Role { KeyRole = Qt::UserRole + 1, NameRole, TemplateRole, CountRole, LastEventRole, ConfiguredRole };

    explicit SourceListModel(SqlWorker *worker, QObject *parent = nullptr);

    void setConfiguration(const Configuration &config, const QString &env);
    void refreshCounts();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    int rowOf(const QString &key) const;

    static QString ago(qint64 ms); // "2 s ago", "4 min ago", "--"

Q_SIGNALS:
    void countsLoaded();

private:
    struct Row
    {
        QString key;
        QString name;
        QString templateKey;
        bool configured = false; // has a configuration in the environment
        qint64 count = 0;
        qint64 lastMs = 0;
    };
    struct Stat
    {
        qint64 count = 0;
        qint64 lastMs = 0;
    };
    SqlWorker *m_worker;
    QString m_env;
    QList<Row> m_rows;
    int m_generation = 0;
};

} // namespace inlet
