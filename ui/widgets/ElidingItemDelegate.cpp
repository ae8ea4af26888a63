#include "ui/widgets/ElidingItemDelegate.h"

namespace inlet {

QSize ElidingItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(1);
    return size;
}

} // namespace inlet
