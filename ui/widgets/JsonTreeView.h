#pragma once

#include <QTreeView>

namespace inlet {

// A tree over a JsonTreeModel: drags a node's path, and its context menu
// copies the path or the value. The key, type and value columns are all kept
// visible: the type column fits its contents, the key column takes what its
// contents need up to a share of the width, and the value column the rest.
class JsonTreeView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeView)
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    // Re-divides the width between the columns (after expanding, say).
    void fitColumns();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_userSizedKey = false;
    bool m_fitting = false;
};

} // namespace inlet
