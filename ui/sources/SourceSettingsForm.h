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

namespace inlet {

class Workspace;

// The Settings tab of a source in the selected environment: ingest URL and
// keys, verification (scheme, secrets masked with reveal / add / generate /
// remove for rotation, tolerance, enforcement), the paths, the idempotency
// window and the preprocess script. Fields validate as you type; Save
// applies to the database and the running engine.
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

    QLineEdit *eventTypePath() const { return m_eventType; }
    QListWidget *secrets() const { return m_secrets; }
    void generateSecret();
    void setRevealed(bool revealed);

    // "Test script": runs the script as typed against the sample (the newest
    // stored event of the source that reached the mappings) and shows the
    // output JSON or the error below the editor.
    QPlainTextEdit *scriptEditor() const { return m_script; }
    QPlainTextEdit *scriptOutput() const { return m_scriptOutput; }
    void setSample(const EventRecord &event);
    bool hasSample() const { return m_hasSample; }
    bool testScript();

Q_SIGNALS:
    void saved();
    void sampleLoaded();

private:
    void reload();
    void validate();
    QLineEdit *pathEdit(QFormLayout *form, const QString &label, QLabel **error);
    void addSecretRow(const QString &secret);
    void loadSample();

    Workspace *m_workspace;
    QString m_source;
    SourceConfig m_loaded;
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
    QPushButton *m_testScript;
    QLabel *m_sampleLabel;
    QPlainTextEdit *m_scriptOutput;
    EventRecord m_sample;
    bool m_hasSample = false;
    int m_sampleGeneration = 0;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace inlet
