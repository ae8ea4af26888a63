#pragma once

#include "models/mapping/ParameterForms.h"

#include <QMenu>
#include <QPointer>

class QAbstractItemModel;

namespace inlet {

class MappingDocument;

// The menu of one parameter field of an action card: set a literal, a
// template, a list of alternatives (coalesce), a path with a default, or
// clear. Each asks for the value in a ParameterValueDialog and pushes one
// undoable command on the document.
class ParameterMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParameterMenu)
public:
    ParameterMenu(MappingDocument *document, int mapping, QString name, QAbstractItemModel *paths,
                  QWidget *parent = nullptr);

    // The action of a form; Form::Empty is "Clear".
    QAction *action(ParameterForms::Form form) const;
    // What accepting a dialog does: pushes the command for its form.
    void apply(const class ParameterValueDialog &dialog);

private:
    void ask(ParameterForms::Form form);

    QPointer<MappingDocument> m_document;
    int m_mapping;
    QString m_name;
    QAbstractItemModel *m_paths;
    QHash<int, QAction *> m_actions;
};

} // namespace inlet
