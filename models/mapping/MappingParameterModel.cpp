#include "models/mapping/MappingParameterModel.h"

#include "config/MappingConfig.h"
#include "mapping/ValueSpecKeys.h"
#include "models/json/JsonTreeModel.h"
#include "models/mapping/MappingDocument.h"
#include "models/mapping/ParameterCheck.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

MappingParameterModel::MappingParameterModel(MappingDocument *document, int mapping, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_mapping(mapping)
{
    connect(document, &MappingDocument::mappingChanged, this, [this](int changed) {
        if (changed == m_mapping)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
    // Indexes shift when mappings are added or removed: the owner rebuilds us.
    connect(document, &MappingDocument::mappingsReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

void MappingParameterModel::setSample(const QJsonObject &sample)
{
    m_sample = sample;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, Resolved), index(rowCount() - 1, Check));
}

int MappingParameterModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_document)
        return 0;
    const MappingConfig *m = m_document->mapping(m_mapping);
    return m ? int(actiontypes::parameters(m->actionType).size()) : 0;
}

int MappingParameterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingParameterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MappingConfig *m = m_document->mapping(m_mapping);
    const ActionParameterSpec &spec = actiontypes::parameters(m->actionType).at(index.row());
    const QJsonValue configured = m->parameters.value(spec.name);
    switch (role) {
    case NameRole:
        return spec.name;
    case RequiredRole:
        return spec.required;
    case ConfiguredRole:
        return configured.toVariant();
    default:
        break;
    }
    if (index.column() == Parameter) {
        if (role == Qt::DisplayRole)
            return spec.required ? QString(spec.name + u" *"_s) : spec.name;
        if (role == Qt::ToolTipRole)
            return spec.required ? tr("Required") : tr("Optional");
        return {};
    }
    if (index.column() == Menu) {
        if (role == Qt::ToolTipRole)
            return tr("Set a value, a template, a list of alternatives or a default");
        return {};
    }
    if (index.column() == Expression) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return expressionText(configured);
        if (role == Qt::ToolTipRole)
            return tr("Drop a field from the sample here, or type a path (with completion)");
        return {};
    }
    const ParameterCheck check =
        ParameterCheck::evaluate(m->actionType, spec.name, spec.required, configured, m_sample);
    if (role == StateRole)
        return int(check.state);
    if (role == Qt::ToolTipRole)
        return check.message;
    if (index.column() == Resolved && role == Qt::DisplayRole)
        return check.value ? JsonTreeModel::preview(*check.value) : check.message;
    if (index.column() == Check) {
        if (role == Qt::DisplayRole) {
            if (check.state == ParameterCheck::State::Ok)
                return QString(u"\u2713 "_s + ParameterCheck::stateName(check.state));
            if (check.state == ParameterCheck::State::Unset)
                return QString();
            return QString(u"\u26a0 "_s + ParameterCheck::stateName(check.state));
        }
        if (role == Qt::ForegroundRole) {
            switch (check.state) {
            case ParameterCheck::State::Ok:
                return QColor(0x2e, 0x9d, 0x4f);
            case ParameterCheck::State::Unset:
                return {};
            case ParameterCheck::State::Missing:
                return QColor(0xc0, 0x7a, 0x00);
            default:
                return QColor(0xd9, 0x3f, 0x3f);
            }
        }
    }
    return {};
}

QVariant MappingParameterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Parameter:
        return tr("Parameter");
    case Expression:
        return tr("Path or value");
    case Resolved:
        return tr("Resolves to");
    case Check:
        return tr("Check");
    }
    return {};
}

Qt::ItemFlags MappingParameterModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    if (index.column() == Expression)
        f |= Qt::ItemIsEditable;
    return f;
}

bool MappingParameterModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Expression || !m_document)
        return false;
    m_document->setParameter(m_mapping, index.data(NameRole).toString(), parseExpression(value.toString()));
    return true;
}

QStringList MappingParameterModel::mimeTypes() const
{
    return {JsonTreeModel::pathMimeType(), u"text/plain"_s};
}

QString MappingParameterModel::droppedPath(const QMimeData *data)
{
    if (!data)
        return {};
    if (data->hasFormat(JsonTreeModel::pathMimeType()))
        return QString::fromUtf8(data->data(JsonTreeModel::pathMimeType())).trimmed();
    if (data->hasText())
        return data->text().trimmed();
    return {};
}

int MappingParameterModel::targetRow(int row, const QModelIndex &parent) const
{
    // Dropped on a cell: that row. Dropped between rows: the row below.
    const int r = parent.isValid() ? parent.row() : row;
    return r >= 0 && r < rowCount() ? r : -1;
}

bool MappingParameterModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int row, int,
                                            const QModelIndex &parent) const
{
    return m_document && targetRow(row, parent) >= 0 && !droppedPath(data).isEmpty();
}

bool MappingParameterModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                         const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const int target = targetRow(row, parent);
    const QString name = index(target, 0).data(NameRole).toString();
    const QString path = droppedPath(data);
    const MappingConfig *m = m_document->mapping(m_mapping);
    // A plain string names a workflow or audience for these parameters, so a
    // dropped path must say it is one.
    const QJsonValue value = MappingConfig::isLiteralParameter(m->actionType, name)
                                 ? QJsonValue(QJsonObject{{valuespec::pathKey, path}})
                                 : QJsonValue(path);
    m_document->setParameter(m_mapping, name, value);
    return true;
}

QString MappingParameterModel::expressionText(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QJsonValue MappingParameterModel::parseExpression(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QJsonValue(QJsonValue::Null);
    if (t.startsWith(u'{')) {
        const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8());
        if (doc.isObject())
            return doc.object();
    }
    return t;
}

} // namespace inlet
