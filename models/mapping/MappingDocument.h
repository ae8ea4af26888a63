#pragma once

#include "config/SourceConfig.h"

#include <QObject>
#include <QUndoStack>

namespace inlet {

// The mappings of one source configuration while they are being edited.
// Every change goes through an undo command on the document's own stack;
// views listen to the typed change signals and never edit the list behind
// the document's back. The configuration stays unsaved until the owner
// applies it (see Workspace::apply).
class MappingDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingDocument)
public:
    explicit MappingDocument(QObject *parent = nullptr);

    // Starts editing `config` afresh: clears the undo history.
    void load(const SourceConfig &config);
    const SourceConfig &config() const { return m_config; }
    const QList<MappingConfig> &mappings() const { return m_config.mappings; }
    const MappingConfig *mapping(int index) const;
    // Indexes of the mappings of `eventType`, in execution order (SPEC 9.1).
    QList<int> mappingsOf(const QString &eventType) const;

    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    void markSaved() { m_undo.setClean(); }

    // Pushes undoable commands. A null or undefined value removes the parameter.
    void setParameter(int mapping, const QString &name, const QJsonValue &value);
    // The forms of the parameter field's menu (SPEC 9.2), one command each.
    void setLiteral(int mapping, const QString &name, const QJsonValue &value);
    void setTemplate(int mapping, const QString &name, const QString &text);
    void setCoalesce(int mapping, const QString &name, const QStringList &items);
    void setPathWithDefault(int mapping, const QString &name, const QString &path, const QJsonValue &fallback);
    void clearParameter(int mapping, const QString &name);
    void setActive(int mapping, bool active);
    void addMapping(const MappingConfig &mapping);
    void removeMapping(int mapping);

    // Used by the commands: change the configuration and announce it.
    void applyParameter(int mapping, const QString &name, const QJsonValue &value);
    void applyActive(int mapping, bool active);
    void insertMapping(int at, const MappingConfig &mapping);
    void takeMapping(int at);

    // Re-derives the compiled forms (values, condition) after an edit.
    static MappingConfig recompiled(const MappingConfig &mapping);

Q_SIGNALS:
    void mappingChanged(int index);
    void mappingsReset();
    void modifiedChanged(bool modified);

private:
    void pushParameter(int mapping, const QString &name, const QJsonValue &value, const QString &text);

    SourceConfig m_config;
    QUndoStack m_undo;
};

} // namespace inlet
