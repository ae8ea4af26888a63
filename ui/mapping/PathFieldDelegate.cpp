#include "ui/mapping/PathFieldDelegate.h"

#include <QCompleter>
#include <QLineEdit>

namespace inlet {

PathFieldDelegate::PathFieldDelegate(QAbstractItemModel *paths, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_paths(paths)
{}

QWidget *PathFieldDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *edit = new QLineEdit(parent);
    edit->setFrame(false);
    attachCompleter(edit, m_paths);
    return edit;
}

void PathFieldDelegate::attachCompleter(QLineEdit *edit, QAbstractItemModel *paths)
{
    auto *completer = new QCompleter(paths, edit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setMaxVisibleItems(12);
    edit->setCompleter(completer);
}

} // namespace inlet
