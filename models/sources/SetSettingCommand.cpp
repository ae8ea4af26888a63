#include "models/sources/SetSettingCommand.h"

#include <QCoreApplication>

namespace inlet {
namespace {

QString fieldName(SourceSettingsDocument::Field field)
{
    using F = SourceSettingsDocument;
    switch (field) {
    case F::Token:
        return QCoreApplication::translate("SetSettingCommand", "regenerate the ingest URL");
    case F::Scheme:
        return QCoreApplication::translate("SetSettingCommand", "verification scheme");
    case F::Header:
        return QCoreApplication::translate("SetSettingCommand", "signature header");
    case F::Secrets:
        return QCoreApplication::translate("SetSettingCommand", "secrets");
    case F::Tolerance:
        return QCoreApplication::translate("SetSettingCommand", "timestamp tolerance");
    case F::Enforce:
        return QCoreApplication::translate("SetSettingCommand", "enforce verification");
    case F::EventTypePath:
        return QCoreApplication::translate("SetSettingCommand", "event type path");
    case F::TimestampPath:
        return QCoreApplication::translate("SetSettingCommand", "timestamp path");
    case F::IdempotencyPath:
        return QCoreApplication::translate("SetSettingCommand", "idempotency key path");
    case F::Window:
        return QCoreApplication::translate("SetSettingCommand", "idempotency window");
    case F::Script:
        return QCoreApplication::translate("SetSettingCommand", "preprocess script");
    case F::Vars:
        return QCoreApplication::translate("SetSettingCommand", "script variables");
    case F::FieldCount:
        break;
    }
    return {};
}

} // namespace

SetSettingCommand::SetSettingCommand(SourceSettingsDocument *document, SourceSettingsDocument::Field field,
                                     QVariant before, QVariant after, bool mergeable)
    : m_document(document)
    , m_field(field)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeable(mergeable)
{
    setText(QCoreApplication::translate("SetSettingCommand", "Change %1").arg(fieldName(field)));
}

void SetSettingCommand::undo()
{
    m_document->apply(m_field, m_before);
}

void SetSettingCommand::redo()
{
    m_document->apply(m_field, m_after);
}

int SetSettingCommand::id() const
{
    return m_mergeable ? 1000 + int(m_field) : -1;
}

bool SetSettingCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetSettingCommand *>(other); // same id: same class and field
    m_after = o->m_after;
    setObsolete(m_after == m_before); // typed back to where it was: no step
    return true;
}

} // namespace inlet
