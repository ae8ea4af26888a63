#include "models/mapping/MappingCommands.h"

#include "models/mapping/MappingDocument.h"

#include <QCoreApplication>

namespace inlet {

SetParameterCommand::SetParameterCommand(MappingDocument *document, int mapping, QString name, QJsonValue value)
    : m_document(document)
    , m_mapping(mapping)
    , m_name(std::move(name))
    , m_new(std::move(value))
    , m_old(document->mapping(mapping)->parameters.value(m_name))
{
    setText(QCoreApplication::translate("MappingDocument", "Set %1").arg(m_name));
}

void SetParameterCommand::redo()
{
    m_document->applyParameter(m_mapping, m_name, m_new);
}

void SetParameterCommand::undo()
{
    m_document->applyParameter(m_mapping, m_name, m_old);
}

SetActiveCommand::SetActiveCommand(MappingDocument *document, int mapping, bool active)
    : m_document(document)
    , m_mapping(mapping)
    , m_active(active)
{
    setText(active ? QCoreApplication::translate("MappingDocument", "Activate mapping")
                   : QCoreApplication::translate("MappingDocument", "Deactivate mapping"));
}

void SetActiveCommand::redo()
{
    m_document->applyActive(m_mapping, m_active);
}

void SetActiveCommand::undo()
{
    m_document->applyActive(m_mapping, !m_active);
}

AddMappingCommand::AddMappingCommand(MappingDocument *document, MappingConfig mapping)
    : m_document(document)
    , m_mapping(std::move(mapping))
{
    setText(QCoreApplication::translate("MappingDocument", "Add mapping"));
}

void AddMappingCommand::redo()
{
    m_at = int(m_document->mappings().size());
    m_document->insertMapping(m_at, m_mapping);
}

void AddMappingCommand::undo()
{
    m_document->takeMapping(m_at);
}

RemoveMappingCommand::RemoveMappingCommand(MappingDocument *document, int mapping)
    : m_document(document)
    , m_at(mapping)
    , m_mapping(*document->mapping(mapping))
{
    setText(QCoreApplication::translate("MappingDocument", "Remove mapping"));
}

void RemoveMappingCommand::redo()
{
    m_document->takeMapping(m_at);
}

void RemoveMappingCommand::undo()
{
    m_document->insertMapping(m_at, m_mapping);
}

} // namespace inlet
