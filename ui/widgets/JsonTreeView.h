#pragma once

#include <QTreeView>

namespace inlet {

// A tree over a JsonTreeModel: drags a node's path, and its context menu
// copies the path or the value.
class JsonTreeView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeView)
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
};

} // namespace inlet
