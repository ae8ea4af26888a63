#include "models/json/JsonTreeModel.h"

#include "mapping/PathEnumerator.h"
#include "util/JsonTypeName.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString JsonTreeModel::pathMimeType()
{
    return u"application/x-inlet-path"_s;
}

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(const QJsonValue &document, const QString &prefix)
{
    beginResetModel();
    m_document = document;
    m_root = std::make_unique<Node>();
    m_root->path = prefix;
    m_root->value = document;
    build(m_root.get());
    endResetModel();
}

void JsonTreeModel::build(Node *node)
{
    const auto add = [node](const QString &key, const QString &path, const QJsonValue &value) {
        auto child = std::make_unique<Node>();
        child->key = key;
        child->path = path;
        child->value = value;
        child->parent = node;
        child->row = int(node->children.size());
        build(child.get());
        node->children.push_back(std::move(child));
    };
    if (node->value.isObject()) {
        const QJsonObject o = node->value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            add(it.key(), PathEnumerator::childPath(node->path, it.key()), it.value());
    } else if (node->value.isArray()) {
        const QJsonArray a = node->value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            add(u"[%1]"_s.arg(i), PathEnumerator::indexPath(node->path, i), a.at(i));
    }
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeOf(parent);
    return createIndex(row, column, p->children.at(size_t(row)).get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *n = nodeOf(child);
    if (!n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString JsonTreeModel::preview(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object:
        return tr("{%n field(s)}", nullptr, int(v.toObject().size()));
    case QJsonValue::Array:
        return tr("[%n item(s)]", nullptr, int(v.toArray().size()));
    case QJsonValue::String:
        return u"\""_s + v.toString() + u"\""_s;
    case QJsonValue::Undefined:
        return tr("(missing)");
    default: {
        // Numbers, booleans and null as JSON spells them.
        const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    }
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Key)
            return n->key;
        if (index.column() == Type)
            return jsonTypeName(n->value, JsonTypeWording::Bare);
        return preview(n->value);
    case Qt::ToolTipRole:
        return n->path;
    case PathRole:
        return n->path;
    case JsonRole:
        return n->value.toVariant();
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Type:
        return tr("Type");
    case Value:
        return tr("Value");
    }
    return {};
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList JsonTreeModel::mimeTypes() const
{
    return {pathMimeType(), u"text/plain"_s};
}

QMimeData *JsonTreeModel::mimeData(const QModelIndexList &indexes) const
{
    // One path per drag: the first dragged node's (a row's cells share it).
    for (const QModelIndex &i : indexes) {
        if (!i.isValid())
            continue;
        const QString path = nodeOf(i)->path;
        auto *mime = new QMimeData;
        mime->setData(pathMimeType(), path.toUtf8());
        mime->setText(path);
        return mime;
    }
    return nullptr;
}

QModelIndex JsonTreeModel::indexOfPath(const QString &path) const
{
    std::vector<const Node *> stack{m_root.get()};
    while (!stack.empty()) {
        const Node *n = stack.back();
        stack.pop_back();
        if (n != m_root.get() && n->path == path)
            return createIndex(n->row, 0, const_cast<Node *>(n));
        for (const auto &c : n->children)
            stack.push_back(c.get());
    }
    return {};
}

} // namespace inlet
