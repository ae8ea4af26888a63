#pragma once

#include "config/MappingConfig.h"

#include <QUndoCommand>

namespace inlet {

class MappingDocument;

// Sets (or, with null, removes) one parameter of one mapping.
class SetParameterCommand final : public QUndoCommand
{
public:
    SetParameterCommand(MappingDocument *document, int mapping, QString name, QJsonValue value);
    void redo() override;
    void undo() override;

private:
    MappingDocument *m_document;
    int m_mapping;
    QString m_name;
    QJsonValue m_new;
    QJsonValue m_old;
};

class SetActiveCommand final : public QUndoCommand
{
public:
    SetActiveCommand(MappingDocument *document, int mapping, bool active);
    void redo() override;
    void undo() override;

private:
    MappingDocument *m_document;
    int m_mapping;
    bool m_active;
};

class AddMappingCommand final : public QUndoCommand
{
public:
    AddMappingCommand(MappingDocument *document, MappingConfig mapping);
    void redo() override;
    void undo() override;

private:
    MappingDocument *m_document;
    MappingConfig m_mapping;
    int m_at = -1;
};

class RemoveMappingCommand final : public QUndoCommand
{
public:
    RemoveMappingCommand(MappingDocument *document, int mapping);
    void redo() override;
    void undo() override;

private:
    MappingDocument *m_document;
    int m_at;
    MappingConfig m_mapping;
};

} // namespace inlet
