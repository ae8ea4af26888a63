#pragma once

#include <QStyledItemDelegate>

class QAbstractItemModel;

namespace inlet {

// Edits a parameter's expression in a line edit that completes paths of the
// sample (any part of a path matches, case-insensitive).
class PathFieldDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PathFieldDelegate)
public:
    explicit PathFieldDelegate(QAbstractItemModel *paths, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // A completer over `paths` for any line edit that takes a path.
    static void attachCompleter(class QLineEdit *edit, QAbstractItemModel *paths);

private:
    QAbstractItemModel *m_paths;
};

} // namespace inlet
