#pragma once

#include "models/sources/SourceSettingsDocument.h"

#include <QUndoCommand>

namespace inlet {

// Sets one field of the source settings being edited.
class SetSettingCommand final : public QUndoCommand
{
public:
    SetSettingCommand(SourceSettingsDocument *document, SourceSettingsDocument::Field field, QVariant before,
                      QVariant after, bool mergeable);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    SourceSettingsDocument *m_document;
    SourceSettingsDocument::Field m_field;
    QVariant m_before;
    QVariant m_after;
    bool m_mergeable;
};

} // namespace inlet
