#pragma once

#include "config/SourceConfig.h"
#include "logs/EventRecord.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QUndoStack;

namespace inlet {

class ScriptVarsEditor;
class SourceSettingsDocument;
class Workspace;

// The Settings tab of a source in the selected environment: ingest URL and
// keys, verification (scheme, secrets masked with reveal / add / generate /
// remove for rotation, tolerance, enforcement), the paths, the idempotency
// window, the preprocess script and its variables. Fields validate as you
// type; every edit is a command on the SourceSettingsDocument's undo stack;
// Save applies to the database and the running engine.
class SourceSettingsForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceSettingsForm)
public:
    explicit SourceSettingsForm(Workspace *workspace, QWidget *parent = nullptr);

    void setSource(const QString &key); // in the workspace's environment
    QString source() const { return m_source; }
    bool isValid() const;
    QStringList problems() const; // one message per invalid field
    SourceConfig edited() const;  // the form's values
    bool save(QString *error);
    SourceSettingsDocument *document() const { return m_doc; }
    QUndoStack *undoStack() const;
    ScriptVarsEditor *varsEditor() const { return m_vars; }

    QLineEdit *eventTypePath() const { return m_eventType; }
    QListWidget *secrets() const { return m_secrets; }
    void generateSecret();
    void setRevealed(bool revealed);

    // "Test script": runs the script and vars as typed against the sample
    // (one of the recent stored events of the source, newest that reached
    // the mappings first; previous/next pick another) and shows the output
    // JSON or the error below the editor.
    QPlainTextEdit *scriptEditor() const { return m_script; }
    QPlainTextEdit *scriptOutput() const { return m_scriptOutput; }
    void setSample(const EventRecord &event);
    void setSamples(const QList<EventRecord> &events, int current = 0);
    bool hasSample() const { return m_hasSample; }
    const EventRecord &sample() const { return m_sample; }
    int sampleIndex() const { return m_sampleIndex; }
    int sampleCount() const { return int(m_samples.size()); }
    void showSample(int index);
    bool testScript();

Q_SIGNALS:
    void saved();
    void sampleLoaded();

private:
    void reload();
    void showDocument();
    void showField(int field);
    void validate();
    QStringList secretsShown() const;
    QLineEdit *pathEdit(QFormLayout *form, const QString &label, QLabel **error);
    void addSecretRow(const QString &secret);
    void loadSample();

    Workspace *m_workspace;
    QString m_source;
    QFormLayout *m_form = nullptr;
    SourceSettingsDocument *m_doc;
    bool m_updating = false; // widgets being set from the document
    bool m_revealed = false;
    QLineEdit *m_url;
    QLineEdit *m_writeKey;
    QComboBox *m_scheme;
    QLineEdit *m_header;
    QListWidget *m_secrets;
    QSpinBox *m_tolerance;
    QCheckBox *m_enforce;
    QLineEdit *m_eventType;
    QLineEdit *m_timestamp;
    QLineEdit *m_idempotency;
    QLabel *m_eventTypeError = nullptr;
    QLabel *m_timestampError = nullptr;
    QLabel *m_idempotencyError = nullptr;
    QSpinBox *m_window;
    QPlainTextEdit *m_script;
    ScriptVarsEditor *m_vars;
    QPushButton *m_testScript;
    QPushButton *m_prevSample;
    QPushButton *m_nextSample;
    QLabel *m_sampleLabel;
    QPlainTextEdit *m_scriptOutput;
    EventRecord m_sample;
    QList<EventRecord> m_samples;
    int m_sampleIndex = -1;
    bool m_hasSample = false;
    int m_sampleGeneration = 0;
    QLabel *m_status;
    QPushButton *m_undo;
    QPushButton *m_redo;
    QPushButton *m_save;
};

} // namespace inlet
