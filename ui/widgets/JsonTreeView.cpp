#include "ui/widgets/JsonTreeView.h"

#include "models/json/JsonTreeModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMenu>

namespace inlet {

JsonTreeView::JsonTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
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
