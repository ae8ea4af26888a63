#include "models/mapping/EventTypeModel.h"

#include "models/db/SqlWorker.h"

#include <QColor>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

EventTypeModel::EventTypeModel(SqlWorker *worker, QObject *parent)
    : QAbstractListModel(parent)
    , m_worker(std::make_unique<SqlWorker>(worker->url()))
{}

EventTypeModel::~EventTypeModel() = default;

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
            // The `+` keep SQLite on the (env, source, seq) index: without
            // statistics it walked (env, event_type) over the whole
            // environment to group, checking the source row by row (2-8 s
            // at a million events even for a source with no events; now 1 ms
            // for those, and the source's own rows for the others). max(seq)
            // instead of max(received_at) saves nothing on reads but gives
            // the newest row, whose time is looked up below.
            q.prepare(u"SELECT event_type, count(*), max(seq) FROM events WHERE env = ? AND source = ?"
                      " AND +event_type IS NOT NULL GROUP BY +event_type ORDER BY 3 DESC"_s);
            q.addBindValue(env);
            q.addBindValue(source);
            QList<qint64> newest;
            if (q.exec()) {
                while (q.next()) {
                    out.append(Seen{q.value(0).toString(), q.value(1).toLongLong(), 0});
                    newest.append(q.value(2).toLongLong());
                }
            }
            QSqlQuery at(db);
            at.prepare(u"SELECT received_at FROM events WHERE seq = ?"_s);
            for (qsizetype i = 0; i < out.size(); ++i) {
                at.addBindValue(newest.at(i));
                if (at.exec() && at.next())
                    out[i].lastMs = at.value(0).toLongLong();
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
