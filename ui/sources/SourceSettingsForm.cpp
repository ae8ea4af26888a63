#include "ui/sources/SourceSettingsForm.h"

#include "config/VerificationSettings.h"
#include "logs/EventLog.h"
#include "logs/LogFilter.h"
#include "mapping/PathExpression.h"
#include "models/app/Workspace.h"
#include "models/db/SqlWorker.h"
#include "models/sources/ScriptTest.h"
#include "models/sources/SourceSettingsDocument.h"
#include "ui/sources/ScriptVarsEditor.h"
#include "util/Crypto.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QString masked(const QString &secret)
{
    if (secret.size() <= 8)
        return QString(secret.size(), u'\u2022');
    return secret.left(6) + QString(qMin<qsizetype>(secret.size() - 6, 24), u'\u2022');
}

QWidget *withButtons(QWidget *parent, QWidget *main, const QList<QPushButton *> &buttons)
{
    auto *box = new QWidget(parent);
    auto *l = new QHBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(main, 1);
    for (QPushButton *b : buttons)
        l->addWidget(b);
    return box;
}

} // namespace

SourceSettingsForm::SourceSettingsForm(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_doc(new SourceSettingsDocument(this))
    , m_url(new QLineEdit(this))
    , m_writeKey(new QLineEdit(this))
    , m_scheme(new QComboBox(this))
    , m_header(new QLineEdit(this))
    , m_secrets(new QListWidget(this))
    , m_tolerance(new QSpinBox(this))
    , m_enforce(new QCheckBox(tr("Reject requests that fail verification (401)"), this))
    , m_window(new QSpinBox(this))
    , m_script(new QPlainTextEdit(this))
    , m_vars(new ScriptVarsEditor(this))
    , m_testScript(new QPushButton(tr("Test script"), this))
    , m_prevSample(new QPushButton(tr("<"), this))
    , m_nextSample(new QPushButton(tr(">"), this))
    , m_sampleLabel(new QLabel(this))
    , m_scriptOutput(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_undo(new QPushButton(tr("Undo"), this))
    , m_redo(new QPushButton(tr("Redo"), this))
    , m_save(new QPushButton(tr("Save"), this))
{
    auto *outer = new QVBoxLayout(this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *form = new QFormLayout(content);
    m_form = form;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_url->setReadOnly(true);
    auto *copy = new QPushButton(tr("Copy"), this);
    auto *regenerate = new QPushButton(tr("Regenerate..."), this);
    form->addRow(tr("Ingest URL"), withButtons(content, m_url, {copy, regenerate}));
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_url->text()); });
    connect(regenerate, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Regenerate ingest URL"),
                                  tr("The current URL stops working at once. Senders must be updated. Continue?")) !=
            QMessageBox::Yes)
            return;
        m_doc->set(SourceSettingsDocument::Token, QString::fromLatin1(crypto::randomToken(18)));
    });
    m_writeKey->setReadOnly(true);
    form->addRow(tr("Write / API key"), m_writeKey);

    m_scheme->addItems(VerificationSettings::knownSchemes());
    form->addRow(tr("Verification"), m_scheme);
    m_header->setPlaceholderText(tr("header name (scheme default when empty)"));
    form->addRow(tr("Signature header"), m_header);
    // Heights chosen so the whole form fits 1280x800 without scrolling.
    m_secrets->setMaximumHeight(64);
    auto *reveal = new QPushButton(tr("Reveal"), this);
    reveal->setCheckable(true);
    auto *add = new QPushButton(tr("Add..."), this);
    auto *generate = new QPushButton(tr("Generate"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    form->addRow(tr("Secrets"), withButtons(content, m_secrets, {reveal, add, generate, remove}));
    auto *rotation = new QLabel(tr("Several secrets may be active at once: add the new one, update the sender, "
                                   "then remove the old one."),
                                content);
    rotation->setWordWrap(true);
    form->addRow(QString(), rotation);
    connect(reveal, &QPushButton::toggled, this, &SourceSettingsForm::setRevealed);
    connect(generate, &QPushButton::clicked, this, &SourceSettingsForm::generateSecret);
    connect(add, &QPushButton::clicked, this, [this] {
        addSecretRow(QString());
        auto *item = m_secrets->item(m_secrets->count() - 1);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        m_secrets->editItem(item);
    });
    connect(m_secrets, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_updating)
            return; // rows being shown from the document (setData emits this too)
        if (m_revealed || item->data(Qt::UserRole).toString().isEmpty()) {
            const QSignalBlocker block(m_secrets);
            item->setData(Qt::UserRole, item->text());
        }
        m_doc->set(SourceSettingsDocument::Secrets, secretsShown());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        delete m_secrets->currentItem();
        m_doc->set(SourceSettingsDocument::Secrets, secretsShown());
    });
    m_tolerance->setRange(-1, 86400);
    m_tolerance->setSpecialValueText(tr("scheme default"));
    m_tolerance->setSuffix(tr(" s"));
    form->addRow(tr("Timestamp tolerance"), m_tolerance);
    form->addRow(QString(), m_enforce);

    m_eventType = pathEdit(form, tr("Event type path"), &m_eventTypeError);
    m_timestamp = pathEdit(form, tr("Timestamp path"), &m_timestampError);
    m_idempotency = pathEdit(form, tr("Idempotency key path"), &m_idempotencyError);
    m_timestamp->setPlaceholderText(tr("none"));
    m_idempotency->setPlaceholderText(tr("off"));
    m_window->setRange(1, 30 * 86400);
    m_window->setSuffix(tr(" s"));
    form->addRow(tr("Idempotency window"), m_window);
    m_script->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_script->setPlaceholderText(u"function main(ctx) {\n    return { verified: true };\n}"_s);
    m_script->setMaximumHeight(100);
    // Undo is the form's (one stack for every field), not the editor's own.
    m_script->setUndoRedoEnabled(false);
    form->addRow(tr("Preprocess script"), m_script);
    form->addRow(tr("Script variables"), m_vars);
    auto *testRow = new QHBoxLayout;
    m_testScript->setToolTip(tr("Run the script and variables as typed (unsaved) against the sample; nothing is "
                                "stored"));
    testRow->addWidget(m_testScript);
    m_prevSample->setToolTip(tr("Test against an older stored event"));
    m_nextSample->setToolTip(tr("Test against a newer stored event"));
    for (QPushButton *b : {m_prevSample, m_nextSample}) {
        b->setFixedWidth(b->sizeHint().height() + 4);
        b->setEnabled(false);
        testRow->addWidget(b);
    }
    connect(m_prevSample, &QPushButton::clicked, this, [this] { showSample(m_sampleIndex + 1); });
    connect(m_nextSample, &QPushButton::clicked, this, [this] { showSample(m_sampleIndex - 1); });
    m_sampleLabel->setEnabled(false);
    // A long event id must not widen the form.
    m_sampleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    testRow->addWidget(m_sampleLabel, 1);
    form->addRow(QString(), testRow);
    m_scriptOutput->setReadOnly(true);
    m_scriptOutput->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_scriptOutput->setMaximumHeight(140);
    m_scriptOutput->hide();
    form->addRow(QString(), m_scriptOutput);
    connect(m_testScript, &QPushButton::clicked, this, &SourceSettingsForm::testScript);
    scroll->setWidget(content);
    outer->addWidget(scroll);
    auto *bar = new QHBoxLayout;
    m_status->setWordWrap(true);
    bar->addWidget(m_status, 1);
    auto *revert = new QPushButton(tr("Revert"), this);
    bar->addWidget(m_undo);
    bar->addWidget(m_redo);
    bar->addWidget(revert);
    bar->addWidget(m_save);
    outer->addLayout(bar);
    connect(revert, &QPushButton::clicked, this, &SourceSettingsForm::reload);
    connect(m_save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!save(&error))
            m_status->setText(u"<span style='color:#d93f3f'>"_s + error.toHtmlEscaped() + u"</span>"_s);
    });
    // Edits become commands; the document tells what to show (also on undo).
    using D = SourceSettingsDocument;
    const auto edit = [this](D::Field field, const QVariant &value) {
        if (!m_updating)
            m_doc->set(field, value);
    };
    connect(m_scheme, &QComboBox::currentTextChanged, this, [edit](const QString &t) { edit(D::Scheme, t); });
    connect(m_header, &QLineEdit::textChanged, this, [edit](const QString &t) { edit(D::Header, t); });
    connect(m_tolerance, &QSpinBox::valueChanged, this, [edit](int v) { edit(D::Tolerance, v); });
    connect(m_enforce, &QCheckBox::toggled, this, [edit](bool on) { edit(D::Enforce, on); });
    connect(m_eventType, &QLineEdit::textChanged, this, [edit](const QString &t) { edit(D::EventTypePath, t); });
    connect(m_timestamp, &QLineEdit::textChanged, this, [edit](const QString &t) { edit(D::TimestampPath, t); });
    connect(m_idempotency, &QLineEdit::textChanged, this, [edit](const QString &t) { edit(D::IdempotencyPath, t); });
    connect(m_window, &QSpinBox::valueChanged, this, [edit](int v) { edit(D::Window, qint64(v)); });
    connect(m_script, &QPlainTextEdit::textChanged, this, [this, edit] { edit(D::Script, m_script->toPlainText()); });
    connect(m_vars, &ScriptVarsEditor::edited, this, [edit](const QJsonArray &vars) { edit(D::Vars, vars); });
    connect(m_doc, &SourceSettingsDocument::changed, this, [this](D::Field field) {
        showField(field);
        validate();
    });
    connect(m_doc, &SourceSettingsDocument::reset, this, &SourceSettingsForm::showDocument);
    QUndoStack *stack = m_doc->undoStack();
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(stack, &QUndoStack::canUndoChanged, m_undo, &QPushButton::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, m_redo, &QPushButton::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, m_undo, &QPushButton::setToolTip);
    connect(stack, &QUndoStack::redoTextChanged, m_redo, &QPushButton::setToolTip);
    connect(stack, &QUndoStack::cleanChanged, this, &SourceSettingsForm::validate);
    connect(m_undo, &QPushButton::clicked, stack, &QUndoStack::undo);
    connect(m_redo, &QPushButton::clicked, stack, &QUndoStack::redo);
    auto *undo = new QShortcut(QKeySequence::Undo, this, [stack] { stack->undo(); });
    undo->setContext(Qt::WidgetWithChildrenShortcut);
    auto *redo = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), this, [stack] { stack->redo(); });
    redo->setContext(Qt::WidgetWithChildrenShortcut);
    connect(workspace, &Workspace::environmentChanged, this, &SourceSettingsForm::reload);
}

QUndoStack *SourceSettingsForm::undoStack() const
{
    return m_doc->undoStack();
}

QLineEdit *SourceSettingsForm::pathEdit(QFormLayout *form, const QString &label, QLabel **error)
{
    auto *edit = new QLineEdit(this);
    *error = new QLabel(this);
    (*error)->setStyleSheet(u"color: #d93f3f"_s);
    (*error)->hide();
    auto *box = new QWidget(this);
    auto *l = new QVBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(1);
    l->addWidget(edit);
    l->addWidget(*error);
    form->addRow(label, box);
    return edit;
}

void SourceSettingsForm::setSource(const QString &key)
{
    m_source = key;
    reload();
}

void SourceSettingsForm::reload()
{
    const SourceConfig *sc = m_workspace->sourceConfig(m_source);
    setEnabled(sc != nullptr);
    m_doc->load(sc ? *sc : SourceConfig{m_source, m_workspace->environment(), QString(), {}, {}});
    m_scriptOutput->clear();
    m_scriptOutput->hide();
    loadSample();
}

void SourceSettingsForm::showDocument()
{
    const SourceSettings &s = m_doc->loaded().settings;
    m_writeKey->setText(!s.writeKey.isEmpty() ? s.writeKey : s.apiKey);
    m_form->setRowVisible(m_writeKey, !m_writeKey->text().isEmpty()); // webhook sources have none
    for (int f = 0; f < SourceSettingsDocument::FieldCount; ++f)
        showField(f);
    validate();
}

// Shows one field of the document; a widget already showing the value is
// left alone (the edit came from it: cursor and selection stay).
void SourceSettingsForm::showField(int field)
{
    using D = SourceSettingsDocument;
    const QVariant v = m_doc->value(D::Field(field));
    const bool wasUpdating = std::exchange(m_updating, true);
    const auto setText = [](QLineEdit *edit, const QString &text) {
        if (edit->text() != text)
            edit->setText(text);
    };
    switch (D::Field(field)) {
    case D::Token:
        m_url->setText(m_workspace->sourceConfig(m_source) ? m_workspace->ingestUrl(v.toString())
                                                           : tr("not configured in this environment"));
        break;
    case D::Scheme:
        m_scheme->setCurrentText(v.toString());
        break;
    case D::Header:
        setText(m_header, v.toString());
        break;
    case D::Secrets:
        if (secretsShown() != v.toStringList()) {
            m_secrets->clear();
            for (const QString &secret : v.toStringList())
                addSecretRow(secret);
        }
        break;
    case D::Tolerance:
        m_tolerance->setValue(v.toInt());
        break;
    case D::Enforce:
        m_enforce->setChecked(v.toBool());
        break;
    case D::EventTypePath:
        setText(m_eventType, v.toString());
        break;
    case D::TimestampPath:
        setText(m_timestamp, v.toString());
        break;
    case D::IdempotencyPath:
        setText(m_idempotency, v.toString());
        break;
    case D::Window:
        m_window->setValue(int(v.toLongLong()));
        break;
    case D::Script:
        if (m_script->toPlainText() != v.toString())
            m_script->setPlainText(v.toString());
        break;
    case D::Vars:
        m_vars->setVars(v.toJsonArray());
        break;
    case D::FieldCount:
        break;
    }
    m_updating = wasUpdating;
}

QStringList SourceSettingsForm::secretsShown() const
{
    QStringList out;
    for (int i = 0; i < m_secrets->count(); ++i)
        out.append(m_secrets->item(i)->data(Qt::UserRole).toString());
    return out;
}

void SourceSettingsForm::loadSample()
{
    m_hasSample = false;
    m_samples.clear();
    m_sampleIndex = -1;
    m_sampleLabel->setText(tr("loading the sample..."));
    m_testScript->setEnabled(false);
    m_prevSample->setEnabled(false);
    m_nextSample->setEnabled(false);
    LogFilter f;
    f.source = m_source;
    f.env = m_workspace->environment();
    f.limit = 20;
    const int generation = ++m_sampleGeneration;
    m_workspace->worker()->run<QList<EventRecord>>(
        this, [f](QSqlDatabase &db) { return db.isValid() ? EventLog(db).events(f, true) : QList<EventRecord>(); },
        [this, generation](QList<EventRecord> events) {
            if (generation != m_sampleGeneration)
                return;
            if (events.isEmpty()) {
                m_sampleLabel->setText(tr("no stored event of this source to test against yet"));
            } else {
                // Start at the newest that reached the mappings (a rejected
                // request may have no usable body), else the newest.
                const auto usable = std::find_if(events.cbegin(), events.cend(), [](const EventRecord &e) {
                    return e.status != QLatin1String("rejected") && !e.body.isEmpty();
                });
                setSamples(events, usable != events.cend() ? int(usable - events.cbegin()) : 0);
            }
            Q_EMIT sampleLoaded();
        });
}

void SourceSettingsForm::setSample(const EventRecord &event)
{
    setSamples({event}, 0);
}

void SourceSettingsForm::setSamples(const QList<EventRecord> &events, int current)
{
    ++m_sampleGeneration; // a load still running must not replace them
    m_samples = events;
    m_sampleIndex = -1;
    showSample(current);
}

// `index` counts from the newest (0).
void SourceSettingsForm::showSample(int index)
{
    if (index < 0 || index >= m_samples.size())
        return;
    m_sampleIndex = index;
    m_sample = m_samples.at(index);
    m_hasSample = true;
    m_testScript->setEnabled(true);
    m_prevSample->setEnabled(index + 1 < m_samples.size());
    m_nextSample->setEnabled(index > 0);
    const EventRecord &event = m_sample;
    m_sampleLabel->setText(
        tr("sample %1/%2: %3 (%4, %5), %6")
            .arg(index + 1)
            .arg(m_samples.size())
            .arg(event.id, event.eventType.isEmpty() ? tr("no type") : event.eventType, event.status,
                 QLocale().toString(QDateTime::fromMSecsSinceEpoch(event.receivedAt), QLocale::ShortFormat)));
    m_sampleLabel->setToolTip(m_sampleLabel->text());
}

bool SourceSettingsForm::testScript()
{
    if (!m_hasSample)
        return false;
    const QString script = m_script->toPlainText().trimmed();
    m_scriptOutput->show();
    if (script.isEmpty()) {
        m_scriptOutput->setPlainText(tr("There is no script to test."));
        return false;
    }
    const ScriptResult result = ScriptTest::run(script, m_doc->edited().settings.scriptVars, m_sample);
    const QString text = ScriptTest::describe(result);
    m_scriptOutput->setPlainText(result.ok ? text : tr("Error: %1").arg(text));
    QPalette p = m_scriptOutput->palette();
    p.setColor(QPalette::Text, result.ok ? palette().color(QPalette::Text) : QColor(0xd9, 0x3f, 0x3f));
    m_scriptOutput->setPalette(p);
    return result.ok;
}

void SourceSettingsForm::addSecretRow(const QString &secret)
{
    const QSignalBlocker block(m_secrets); // a new row is no edit yet
    auto *item = new QListWidgetItem(m_revealed ? secret : masked(secret), m_secrets);
    item->setData(Qt::UserRole, secret);
    item->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void SourceSettingsForm::setRevealed(bool revealed)
{
    m_revealed = revealed;
    const QSignalBlocker block(m_secrets);
    for (int i = 0; i < m_secrets->count(); ++i) {
        QListWidgetItem *item = m_secrets->item(i);
        const QString secret = item->data(Qt::UserRole).toString();
        item->setText(revealed ? secret : masked(secret));
        item->setFlags(revealed ? item->flags() | Qt::ItemIsEditable : item->flags() & ~Qt::ItemIsEditable);
    }
}

void SourceSettingsForm::generateSecret()
{
    const QString scheme = m_scheme->currentText();
    // Stripe and Svix secrets are displayed with the prefix their senders use.
    QString secret = QString::fromLatin1(crypto::randomToken(24));
    if (scheme == u"stripe" || scheme == u"svix")
        secret = u"whsec_"_s + QString::fromLatin1(crypto::randomToken(24).toBase64());
    addSecretRow(secret);
    m_doc->set(SourceSettingsDocument::Secrets, secretsShown());
}

QStringList SourceSettingsForm::problems() const
{
    QStringList out;
    const auto checkPath = [&out](QLineEdit *edit, QLabel *label, bool required, const QString &name) {
        const QString text = edit->text().trimmed();
        QString error;
        if (text.isEmpty()) {
            if (required)
                error = tr("required");
        } else if (!PathExpression::compile(text, &error).isValid()) {
            if (error.isEmpty())
                error = tr("not a valid path");
        }
        label->setText(error);
        label->setVisible(!error.isEmpty());
        if (!error.isEmpty())
            out.append(name + u": "_s + error);
    };
    checkPath(m_eventType, m_eventTypeError, true, tr("Event type path"));
    checkPath(m_timestamp, m_timestampError, false, tr("Timestamp path"));
    checkPath(m_idempotency, m_idempotencyError, false, tr("Idempotency key path"));
    const QString scheme = m_scheme->currentText();
    const bool needsSecret = scheme != u"none" && scheme != u"script";
    if (needsSecret && m_enforce->isChecked() && m_secrets->count() == 0)
        out.append(tr("Verification is enforced with scheme %1 but there is no secret: every request would be "
                      "rejected. Add or generate one.")
                       .arg(scheme));
    return out;
}

bool SourceSettingsForm::isValid() const
{
    return problems().isEmpty();
}

void SourceSettingsForm::validate()
{
    const QStringList p = problems();
    m_save->setEnabled(p.isEmpty() && isEnabled());
    if (!p.isEmpty())
        m_status->setText(u"<span style='color:#d93f3f'>"_s + p.join(u"<br>"_s).toHtmlEscaped() + u"</span>"_s);
    else
        m_status->setText(m_doc->isModified() ? tr("Unsaved changes") : QString());
}

SourceConfig SourceSettingsForm::edited() const
{
    return m_doc->edited();
}

bool SourceSettingsForm::save(QString *error)
{
    if (!isValid()) {
        if (error)
            *error = problems().join(u"; "_s);
        return false;
    }
    const SourceDefinition *def = m_workspace->configuration().source(m_source);
    if (!def) {
        if (error)
            *error = tr("unknown source %1").arg(m_source);
        return false;
    }
    Configuration config;
    SourceDefinition changed{def->key, def->name, def->templateKey, {edited()}};
    config.sources.append(changed);
    if (!m_workspace->apply(config, error))
        return false;
    reload();
    m_status->setText(tr("Saved; the running engine uses it now."));
    Q_EMIT saved();
    return true;
}

} // namespace inlet
