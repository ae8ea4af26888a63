#include "ui/logs/LogFilterBar.h"

#include "models/app/Workspace.h"
#include "store/ActionType.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

LogFilterBar::LogFilterBar(Workspace *workspace, Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_mode(mode)
    , m_source(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_range(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &LogFilterBar::filterChanged);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Source"), this));
    layout->addWidget(m_source);
    layout->addWidget(new QLabel(tr("Type"), this));
    m_type->setEditable(true);
    m_type->setMinimumContentsLength(14);
    m_type->lineEdit()->setPlaceholderText(tr("all"));
    layout->addWidget(m_type);
    layout->addWidget(new QLabel(tr("Status"), this));
    m_status->addItem(tr("all"), QString());
    const QStringList statuses = mode == Mode::Events ? QStringList{u"accepted"_s, u"processed"_s,  u"failed"_s,
                                                                    u"unmapped"_s, u"idempotent"_s, u"rejected"_s}
                                                      : QStringList{u"success"_s, u"error"_s, u"skipped"_s};
    for (const QString &s : statuses)
        m_status->addItem(s, s);
    layout->addWidget(m_status);
    if (mode == Mode::Actions) {
        m_actionType = new QComboBox(this);
        m_actionType->addItem(tr("any action"), QString());
        for (ActionType t : actiontypes::all())
            m_actionType->addItem(actiontypes::label(t), actiontypes::name(t));
        layout->addWidget(m_actionType);
        connect(m_actionType, &QComboBox::currentIndexChanged, this, &LogFilterBar::scheduleChange);
    }
    m_range->addItem(tr("Any time"), 0);
    m_range->addItem(tr("Last 15 min"), 15 * 60);
    m_range->addItem(tr("Last 1 h"), 3600);
    m_range->addItem(tr("Last 24 h"), 86400);
    m_range->addItem(tr("Last 7 days"), 7 * 86400);
    layout->addWidget(m_range);
    m_search->setPlaceholderText(mode == Mode::Events ? tr("Search body text (Ctrl+F)") : tr("Search values, errors"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search, 2);
    if (mode == Mode::Events) {
        m_where = new QLineEdit(this);
        m_where->setPlaceholderText(tr("path = value"));
        m_where->setClearButtonEnabled(true);
        layout->addWidget(m_where, 2);
        m_whereError = new QLabel(this);
        m_whereError->setStyleSheet(u"color: #d93f3f"_s);
        m_whereError->hide();
        layout->addWidget(m_whereError);
        connect(m_where, &QLineEdit::textChanged, this, &LogFilterBar::scheduleChange);
    } else {
        m_eventId = new QLineEdit(this);
        m_eventId->setPlaceholderText(tr("event id"));
        m_eventId->setClearButtonEnabled(true);
        layout->addWidget(m_eventId, 1);
        connect(m_eventId, &QLineEdit::textChanged, this, &LogFilterBar::scheduleChange);
    }
    connect(m_source, &QComboBox::currentIndexChanged, this, &LogFilterBar::scheduleChange);
    connect(m_type, &QComboBox::currentTextChanged, this, &LogFilterBar::scheduleChange);
    connect(m_status, &QComboBox::currentIndexChanged, this, &LogFilterBar::scheduleChange);
    connect(m_range, &QComboBox::currentIndexChanged, this, &LogFilterBar::scheduleChange);
    connect(m_search, &QLineEdit::textChanged, this, &LogFilterBar::scheduleChange);
    connect(workspace, &Workspace::configurationChanged, this, &LogFilterBar::reloadChoices);
    reloadChoices();
}

void LogFilterBar::reloadChoices()
{
    const QString current = m_source->currentData().toString();
    const bool locked = !m_source->isEnabled();
    const QSignalBlocker block(m_source);
    m_source->clear();
    m_source->addItem(tr("all"), QString());
    QStringList types;
    for (const SourceDefinition &def : m_workspace->configuration().sources) {
        m_source->addItem(def.name.isEmpty() ? def.key : def.name, def.key);
        for (const SourceConfig &sc : def.configs) {
            for (const MappingConfig &m : sc.mappings)
                types.append(m.eventType);
        }
    }
    m_source->setCurrentIndex(qMax(0, m_source->findData(current)));
    m_source->setEnabled(!locked);
    types.removeDuplicates();
    types.sort();
    const QString typed = m_type->currentText();
    const QSignalBlocker blockType(m_type);
    m_type->clear();
    m_type->addItem(QString());
    m_type->addItems(types);
    m_type->setCurrentText(typed);
}

void LogFilterBar::scheduleChange()
{
    m_debounce->start();
}

LogFilter LogFilterBar::filter() const
{
    LogFilter f;
    f.env = m_workspace->environment();
    f.source = m_source->currentData().toString();
    f.eventType = m_type->currentText().trimmed();
    f.status = m_status->currentData().toString();
    const qint64 range = m_range->currentData().toLongLong();
    if (range > 0)
        f.sinceMs = QDateTime::currentMSecsSinceEpoch() - range * 1000;
    f.search = m_search->text();
    if (m_actionType)
        f.actionType = m_actionType->currentData().toString();
    if (m_eventId)
        f.eventId = m_eventId->text().trimmed();
    if (m_where) {
        const QString where = m_where->text().trimmed();
        QString error;
        if (!where.isEmpty() && !f.setWhere(where, &error)) {
            m_whereError->setText(error);
            m_whereError->setVisible(true);
        } else {
            m_whereError->setVisible(false);
        }
    }
    return f;
}

void LogFilterBar::setSource(const QString &source, bool locked)
{
    m_source->setCurrentIndex(qMax(0, m_source->findData(source)));
    m_source->setEnabled(!locked);
}

void LogFilterBar::setEventId(const QString &id)
{
    if (m_eventId)
        m_eventId->setText(id);
}

void LogFilterBar::setStatus(const QString &status)
{
    m_status->setCurrentIndex(qMax(0, m_status->findData(status)));
}

void LogFilterBar::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

} // namespace inlet
