#include "models/mapping/EventTypeModel.h"

#include "models/db/SqlWorker.h"

#include <QColor>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

EventTypeModel::EventTypeModel(SqlWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(worker)
{}

void EventTypeModel::load(const QString &source, const QString &env, const QHash<QString, int> &configured)
{
    m_configured = configured;
    m_seen.clear();
    rebuild();
    const int generation = ++m_generation;
    m_worker->run<QList<Seen>>(
        this,
        [source, env](QSqlDatabase &db) {
            QList<Seen> out;
            QSqlQuery q(db);
            q.setForwardOnly(true);
            q.prepare(u"SELECT event_type, count(*), max(received_at) FROM events WHERE env = ? AND source = ?"
                      " AND event_type IS NOT NULL GROUP BY event_type ORDER BY max(received_at) DESC"_s);
            q.addBindValue(env);
            q.addBindValue(source);
            if (q.exec()) {
                while (q.next())
                    out.append(Seen{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
            }
            return out;
        },
        [this, generation](QList<Seen> seen) {
            if (generation != m_generation)
                return;
            m_seen = std::move(seen);
            rebuild();
            Q_EMIT loaded();
        });
}

void EventTypeModel::setConfigured(const QHash<QString, int> &configured)
{
    m_configured = configured;
    rebuild();
}

void EventTypeModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    QSet<QString> listed;
    for (const Seen &s : std::as_const(m_seen)) {
        m_rows.append(Row{s.type, s.count, s.lastMs, m_configured.value(s.type)});
        listed.insert(s.type);
    }
    QStringList configuredOnly;
    for (auto it = m_configured.begin(); it != m_configured.end(); ++it) {
        if (!listed.contains(it.key()))
            configuredOnly.append(it.key());
    }
    configuredOnly.sort();
    for (const QString &type : std::as_const(configuredOnly))
        m_rows.append(Row{type, 0, 0, m_configured.value(type)});
    endResetModel();
}

int EventTypeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventTypeModel::rowOf(const QString &type) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).type == type)
            return i;
    }
    return -1;
}

QVariant EventTypeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString when = tr("never received");
        if (r.lastMs > 0) {
            const qint64 s = (QDateTime::currentMSecsSinceEpoch() - r.lastMs) / 1000;
            when = s < 60     ? tr("%1 s ago").arg(s)
                   : s < 3600 ? tr("%1 min ago").arg(s / 60)
                              : tr("%1 h ago").arg(s / 3600);
            when += u" \u00b7 "_s + (r.count == 1 ? tr("1 event") : tr("%L1 events").arg(r.count));
        }
        // Short words: the second line has to fit a narrow column.
        const QString mappings = r.mappings == 0   ? tr("no mapping")
                                 : r.mappings == 1 ? tr("1 mapping")
                                                   : tr("%L1 mappings").arg(r.mappings);
        return QString(r.type + u"\n"_s + when + u" \u00b7 "_s + mappings);
    }
    case Qt::ToolTipRole:
        return data(index, Qt::DisplayRole); // the list elides what does not fit
    case Qt::ForegroundRole:
        return r.lastMs > 0 ? QVariant() : QVariant(QColor(0x80, 0x80, 0x80));
    case TypeRole:
        return r.type;
    case CountRole:
        return r.count;
    case LastReceivedRole:
        return r.lastMs;
    case SeenRole:
        return r.lastMs > 0;
    case MappingCountRole:
        return r.mappings;
    }
    return {};
}

} // namespace inlet
