#include "models/mapping/RehearsalModel.h"

#include "config/ConfigSnapshot.h"
#include "ingest/Replayer.h"
#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/StatusStyle.h"
#include "util/Ulid.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

RehearsalModel::RehearsalModel(SqlWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{}

void RehearsalModel::rehearse(const Configuration &base, const SourceConfig &edited, const QString &eventType,
                              int lastN)
{
    Configuration config = base;
    for (SourceDefinition &def : config.sources) {
        if (def.key != edited.source)
            continue;
        for (SourceConfig &sc : def.configs) {
            if (sc.env == edited.env)
                sc = edited;
        }
    }
    const std::shared_ptr<const ConfigSnapshot> snapshot = ConfigSnapshot::build(std::move(config), -1);
    LogFilter f;
    f.env = edited.env;
    f.source = edited.source;
    f.eventType = eventType;
    f.limit = lastN;
    const int generation = ++m_generation;
    m_worker->run<Outcome>(
        this,
        [snapshot, f](QSqlDatabase &db) {
            Outcome out;
            if (!db.isValid())
                return out;
            static UlidGenerator ids; // rehearsals write nothing; ids only label the results
            Replayer replayer(db, ids);
            const QList<EventRecord> events = EventLog(db).events(f, true);
            for (const EventRecord &e : events) {
                if (e.status == u"rejected")
                    continue;
                ++out.events;
                QString error;
                const std::optional<Replayer::Result> r = replayer.rehearseEvent(e, *snapshot, &error);
                if (!r) {
                    out.rows.append(Row{e.id, e.receivedAt, QString(), u"error"_s, error});
                    continue;
                }
                if (r->actions.isEmpty())
                    out.rows.append(Row{e.id, e.receivedAt, QString(), r->event.status, r->event.statusDetail});
                for (const ActionRecord &a : r->actions) {
                    QString detail = a.error;
                    if (detail.isEmpty())
                        detail = QString::fromUtf8(QJsonDocument(a.actionPayload).toJson(QJsonDocument::Compact));
                    out.rows.append(Row{e.id, e.receivedAt, a.actionType, a.status, detail});
                }
            }
            return out;
        },
        [this, generation](Outcome out) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows = std::move(out.rows);
            m_events = out.events;
            endResetModel();
            Q_EMIT finished();
        });
}

int RehearsalModel::failureCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += statusstyle::isProblem(r.status) ? 1 : 0;
    return n;
}

int RehearsalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RehearsalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RehearsalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    if (role == Qt::DecorationRole && index.column() == Status)
        return statusstyle::color(r.status);
    if (role == Qt::ToolTipRole && index.column() == Detail)
        return r.detail;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Event:
        return r.eventId;
    case Received:
        return statusstyle::formatTime(r.receivedAt);
    case Action:
        return r.action.isEmpty() ? u"-"_s : r.action;
    case Status:
        return r.status;
    case Detail:
        return r.detail;
    }
    return {};
}

QVariant RehearsalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Event:
        return tr("Event");
    case Received:
        return tr("Received");
    case Action:
        return tr("Action");
    case Status:
        return tr("Would be");
    case Detail:
        return tr("Values / error");
    }
    return {};
}

} // namespace inlet
