#include "ui/widgets/JsonTreeView.h"

#include "models/json/JsonTreeModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>
#include <QTimer>

namespace inlet {

JsonTreeView::JsonTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setIndentation(14);
    header()->setStretchLastSection(true);
    header()->setMinimumSectionSize(40);
    // Once the user drags the key column's edge, their width wins.
    connect(header(), &QHeaderView::sectionResized, this, [this](int section, int, int) {
        if (!m_fitting && section == JsonTreeModel::Key)
            m_userSizedKey = true;
    });
    connect(this, &QTreeView::expanded, this, &JsonTreeView::fitColumns);
    connect(this, &QTreeView::collapsed, this, &JsonTreeView::fitColumns);
}

void JsonTreeView::setModel(QAbstractItemModel *model)
{
    if (QAbstractItemModel *old = this->model())
        disconnect(old, nullptr, this, nullptr);
    QTreeView::setModel(model);
    if (!model)
        return;
    header()->setSectionResizeMode(JsonTreeModel::Key, QHeaderView::Interactive);
    header()->setSectionResizeMode(JsonTreeModel::Type, QHeaderView::Interactive);
    header()->setSectionResizeMode(JsonTreeModel::Value, QHeaderView::Stretch);
    // After a reset the rows are expanded by the owner: fit once that is done.
    connect(model, &QAbstractItemModel::modelReset, this,
            [this] { QTimer::singleShot(0, this, &JsonTreeView::fitColumns); });
    fitColumns();
}

void JsonTreeView::fitColumns()
{
    if (!model() || model()->columnCount() < JsonTreeModel::ColumnCount)
        return;
    m_fitting = true;
    const int available = viewport()->width();
    const int type = qMax(sizeHintForColumn(JsonTreeModel::Type), header()->sectionSizeHint(JsonTreeModel::Type));
    header()->resizeSection(JsonTreeModel::Type, qMin(type, available / 5));
    if (!m_userSizedKey) {
        const int key = qMax(sizeHintForColumn(JsonTreeModel::Key), header()->sectionSizeHint(JsonTreeModel::Key));
        // The value keeps at least a third of the width.
        header()->resizeSection(JsonTreeModel::Key, qBound(80, key, qMax(80, available * 45 / 100)));
    }
    m_fitting = false;
}

void JsonTreeView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    fitColumns();
}

void JsonTreeView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    const QString path = index.data(JsonTreeModel::PathRole).toString();
    const QJsonValue value = QJsonValue::fromVariant(index.data(JsonTreeModel::JsonRole));
    QMenu menu(this);
    menu.addAction(tr("Copy path"), this, [path] { QApplication::clipboard()->setText(path); });
    menu.addAction(tr("Copy value"), this, [value] {
        const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        QApplication::clipboard()->setText(value.isString() ? value.toString()
                                                            : QString::fromUtf8(json.mid(1, json.size() - 2)));
    });
    menu.exec(event->globalPos());
}

} // namespace inlet
