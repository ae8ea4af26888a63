#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace inlet {

// A JSON document as a tree (key, type, value). Every node knows its mapping
// path (PathEnumerator's spelling, so it compiles back to the same value) and
// drags it: `application/x-inlet-path` plus text/plain for other editors.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)
public:
    enum Column { Key, Type, Value, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, JsonRole };
    static QString pathMimeType();

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // `document`'s members become the top-level rows; `prefix` is prepended
    // to every path ("" when the document is {body, headers, ...}, "body"
    // when it is a bare body).
    void setDocument(const QJsonValue &document, const QString &prefix = {});
    QJsonValue document() const { return m_document; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

    QModelIndex indexOfPath(const QString &path) const;

    static QString preview(const QJsonValue &value); // one line

private:
    struct Node
    {
        QString key;
        QString path;
        QJsonValue value;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    static void build(Node *node);
    Node *nodeOf(const QModelIndex &index) const;

    QJsonValue m_document;
    std::unique_ptr<Node> m_root;
};

} // namespace inlet
