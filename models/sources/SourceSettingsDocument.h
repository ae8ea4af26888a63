#pragma once

#include "config/SourceConfig.h"

#include <QJsonArray>
#include <QObject>
#include <QUndoStack>
#include <QVariant>

namespace inlet {

// The settings of one source configuration being edited in the Settings
// tab. Every change is a SetSettingCommand on the undo stack; the form is a
// view of this document (it pushes edits, and shows what undo/redo set).
class SourceSettingsDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceSettingsDocument)
public:
    enum Field {
        Token,
        Scheme,
        Header,
        Secrets,   // QStringList
        Tolerance, // int
        Enforce,   // bool
        EventTypePath,
        TimestampPath,
        IdempotencyPath,
        Window, // qint64
        Script,
        Vars, // QJsonArray of {"name", "value", "secret", "stored"}; see vars()
        FieldCount
    };

    explicit SourceSettingsDocument(QObject *parent = nullptr);

    void load(const SourceConfig &config); // clears the undo stack
    const SourceConfig &loaded() const { return m_loaded; }
    SourceConfig edited() const; // as it would be saved (trimmed, secrets given)
    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }

    QVariant value(Field field) const;
    // Pushes a command when the value differs. Consecutive edits of one text
    // field merge into one step (typing a path is one undo).
    void set(Field field, const QVariant &value);
    // Sets without a command: for SetSettingCommand.
    void apply(Field field, const QVariant &value);

    // Script variables as the editor lists them, sorted by name: the value is
    // absent ("stored": true) for a secret whose value the configuration
    // does not hold (it is kept on save).
    static QJsonArray vars(const SourceSettings &settings);
    static void setVars(SourceSettings &settings, const QJsonArray &vars);

Q_SIGNALS:
    void changed(inlet::SourceSettingsDocument::Field field);
    void reset();

private:
    SourceConfig m_loaded;
    SourceConfig m_config;
    QUndoStack m_undo;
};

} // namespace inlet
