#include "models/data/StoreTableModel.h"

#include "models/db/SqlWorker.h"
#include "models/json/JsonTreeModel.h"
#include "store/StoreQueries.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

StoreTableModel::StoreTableModel(SqlWorker *worker, Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
    , m_kind(kind)
{}

void StoreTableModel::load(const QString &env, const QString &text, int limit)
{
    const int generation = ++m_generation;
    const Kind kind = m_kind;
    StoreFilter filter;
    filter.text = text;
    filter.limit = limit;
    m_worker->run<QList<QJsonObject>>(
        this,
        [kind, env, filter](QSqlDatabase &db) -> QList<QJsonObject> {
            if (!db.isValid())
                return {};
            switch (kind) {
            case Kind::Users:
                return StoreQueries::users(db, env, filter);
            case Kind::Objects:
                return StoreQueries::objects(db, env, filter);
            case Kind::Tenants:
                return StoreQueries::tenants(db, env, filter);
            case Kind::Audiences:
                return StoreQueries::audiences(db, env, filter);
            case Kind::Workflows:
                return StoreQueries::workflows(db, env, filter);
            case Kind::Runs:
                return StoreQueries::runs(db, env, filter);
            }
            return {};
        },
        [this, generation](QList<QJsonObject> rows) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
            Q_EMIT loaded();
        });
}

QStringList StoreTableModel::keys() const
{
    switch (m_kind) {
    case Kind::Users:
        return {u"id"_s, u"name"_s, u"email"_s, u"properties"_s, u"updated_at"_s, u"updated_by_event"_s};
    case Kind::Objects:
        return {u"collection"_s, u"id"_s, u"name"_s, u"properties"_s, u"updated_at"_s, u"updated_by_event"_s};
    case Kind::Tenants:
        return {u"id"_s, u"name"_s, u"properties"_s, u"updated_at"_s, u"updated_by_event"_s};
    case Kind::Audiences:
        return {u"key"_s, u"member_count"_s, u"created_at"_s, u"updated_by_event"_s};
    case Kind::Workflows:
        return {u"key"_s, u"name"_s};
    case Kind::Runs:
        return {u"id"_s, u"workflow"_s, u"status"_s, u"recipients"_s, u"tenant"_s, u"created_at"_s, u"event_id"_s};
    }
    return {};
}

int StoreTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StoreTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(keys().size());
}

QVariant StoreTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QJsonValue v = row.value(keys().at(index.column()));
        if (v.isString())
            return v.toString();
        if (v.isNull() || v.isUndefined())
            return QString();
        return JsonTreeModel::preview(v);
    }
    case RecordRole:
        return row;
    case EventIdRole:
        return row.contains(u"event_id"_s) ? row.value(u"event_id"_s).toString()
                                           : row.value(u"updated_by_event"_s).toString();
    }
    return {};
}

QVariant StoreTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString key = keys().value(section);
    if (key == u"updated_by_event")
        return tr("Changed by event");
    if (key == u"event_id")
        return tr("Event");
    QString label = key;
    label.replace(u'_', u' ');
    if (!label.isEmpty())
        label[0] = label.at(0).toUpper();
    return label;
}

} // namespace inlet
