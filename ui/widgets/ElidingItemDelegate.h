#pragma once

#include <QStyledItemDelegate>

namespace inlet {

// For list views whose rows must fit the view's width: QListView makes every
// row as wide as the widest text and clips it at the edge (the second line
// of a two-line item disappeared behind a horizontal scroll bar). A row that
// asks for no width gets the viewport's, and the style elides each line
// (with the view's textElideMode).
class ElidingItemDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace inlet
