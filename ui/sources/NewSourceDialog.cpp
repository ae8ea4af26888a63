#include "ui/sources/NewSourceDialog.h"

#include "config/TemplateRegistry.h"
#include "models/app/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

NewSourceDialog::NewSourceDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_pages(new QStackedWidget(this))
    , m_gallery(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_mappings(new QTreeWidget(this))
    , m_name(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_keyError(new QLabel(this))
    , m_url(new QLabel(this))
    , m_waiting(new QLabel(this))
    , m_next(new QPushButton(tr("Next"), this))
{
    setWindowTitle(tr("New source"));
    resize(760, 520);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    // 1. Gallery.
    auto *gallery = new QWidget(this);
    auto *gl = new QVBoxLayout(gallery);
    gl->addWidget(new QLabel(tr("Choose the service that sends events:"), gallery));
    m_gallery->setViewMode(QListView::IconMode);
    m_gallery->setResizeMode(QListView::Adjust);
    m_gallery->setGridSize(QSize(220, 96));
    m_gallery->setWordWrap(true);
    m_gallery->setMovement(QListView::Static);
    for (const Template &t : TemplateRegistry::instance().all()) {
        auto *item = new QListWidgetItem(t.name + u"\n"_s + t.category, m_gallery);
        item->setData(Qt::UserRole, t.key);
        item->setToolTip(t.description);
    }
    gl->addWidget(m_gallery);
    m_pages->addWidget(gallery);

    // 2. Connect.
    auto *connectPage = new QWidget(this);
    auto *form = new QFormLayout(connectPage);
    m_description->setWordWrap(true);
    form->addRow(m_description);
    m_mappings->setHeaderLabels({tr("Incoming event"), tr("Action"), tr("Workflow")});
    m_mappings->setRootIsDecorated(false);
    m_mappings->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    form->addRow(tr("Default mappings"), m_mappings);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Key"), m_key);
    m_keyError->setStyleSheet(u"color: #d93f3f"_s);
    form->addRow(QString(), m_keyError);
    m_pages->addWidget(connectPage);

    // 3. First run.
    auto *first = new QWidget(this);
    auto *fl = new QVBoxLayout(first);
    fl->addWidget(new QLabel(tr("Send events to:"), first));
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_url->setStyleSheet(u"font-family: monospace; font-size: 12pt"_s);
    fl->addWidget(m_url);
    m_waiting->setText(tr("Waiting for your first event..."));
    fl->addWidget(m_waiting);
    fl->addStretch();
    m_pages->addWidget(first);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_next, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] { m_created.isEmpty() ? reject() : accept(); });
    connect(m_gallery, &QListWidget::itemActivated, this, [this] { m_next->click(); });
    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_pages->currentIndex() == 0) {
            if (QListWidgetItem *item = m_gallery->currentItem())
                chooseTemplate(item->data(Qt::UserRole).toString());
        } else if (m_pages->currentIndex() == 1) {
            QString error;
            if (!create(&error))
                m_keyError->setText(error);
        } else {
            accept();
        }
    });
    connect(m_key, &QLineEdit::textChanged, this, &NewSourceDialog::validate);
    connect(workspace, &Workspace::eventProcessed, this, [this](const QString &id, const QString &status) {
        if (m_pages->currentIndex() == 2)
            m_waiting->setText(u"<span style='color:#2e9d4f'>\u2713 "_s + tr("Event %1 received (%2)").arg(id, status) +
                               u"</span>"_s);
    });
    if (m_gallery->count() > 0)
        m_gallery->setCurrentRow(0);
}

void NewSourceDialog::chooseTemplate(const QString &key)
{
    m_template = TemplateRegistry::instance().find(key);
    if (!m_template)
        return;
    m_description->setText(u"<b>%1</b> \u00b7 %2<br>%3"_s.arg(m_template->name.toHtmlEscaped(),
                                                              m_template->category.toHtmlEscaped(),
                                                              m_template->description.toHtmlEscaped()));
    m_mappings->clear();
    const QStringList workflows = m_workspace->workflows();
    for (const QJsonValue &v : m_template->defaultMappings) {
        const QJsonObject o = v.toObject();
        auto *item = new QTreeWidgetItem(m_mappings,
                                         {o.value(u"event_type"_s).toString(), o.value(u"action_type"_s).toString()});
        item->setCheckState(0, Qt::Checked);
        item->setData(0, Qt::UserRole, o);
        if (o.value(u"action_type"_s).toString() == u"workflows_trigger") {
            auto *picker = new QComboBox(m_mappings);
            picker->setEditable(true);
            picker->addItems(workflows);
            picker->setCurrentText(o.value(u"action_parameters"_s).toObject().value(u"key"_s).toString());
            m_mappings->setItemWidget(item, 2, picker);
        }
    }
    m_name->setText(m_template->name);
    QString unique = m_template->key;
    for (int n = 2; m_workspace->configuration().source(unique); ++n)
        unique = m_template->key + u"_"_s + QString::number(n);
    m_key->setText(unique);
    showConnect();
}

void NewSourceDialog::showConnect()
{
    m_pages->setCurrentIndex(1);
    m_next->setText(tr("Create"));
    validate();
}

void NewSourceDialog::validate()
{
    static const QRegularExpression slug(u"^[a-z0-9][a-z0-9_-]{0,62}$"_s);
    QString error;
    if (!slug.match(m_key->text()).hasMatch())
        error = tr("lower-case letters, digits, '-' and '_' only");
    else if (m_workspace->configuration().source(m_key->text()))
        error = tr("a source with this key exists");
    m_keyError->setText(error);
    if (m_pages->currentIndex() == 1)
        m_next->setEnabled(error.isEmpty());
}

bool NewSourceDialog::create(QString *error)
{
    if (!m_template)
        return false;
    QJsonArray ticked;
    for (int i = 0; i < m_mappings->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_mappings->topLevelItem(i);
        if (item->checkState(0) != Qt::Checked)
            continue;
        QJsonObject o = item->data(0, Qt::UserRole).toJsonObject();
        if (auto *picker = qobject_cast<QComboBox *>(m_mappings->itemWidget(item, 2))) {
            QJsonObject params = o.value(u"action_parameters"_s).toObject();
            params.insert(u"key"_s, picker->currentText());
            o.insert(u"action_parameters"_s, params);
        }
        ticked.append(o);
    }
    // Parsing a configuration file applies the template's settings to every
    // field left out, exactly as an import would.
    const QJsonObject file{
        {u"version"_s, 1},
        {u"sources"_s,
         QJsonArray{QJsonObject{
             {u"key"_s, m_key->text()},
             {u"name"_s, m_name->text()},
             {u"template"_s, m_template->key},
             {u"environments"_s, QJsonObject{{m_workspace->environment(), QJsonObject{{u"mappings"_s, ticked}}}}}}}}};
    ConfigErrors errors;
    QSet<QString> envs;
    for (const Environment &e : m_workspace->environments())
        envs.insert(e.key);
    std::optional<Configuration> config = Configuration::fromJson(file, TemplateRegistry::instance(), envs, errors);
    if (!config) {
        if (error)
            *error = errors.joined();
        return false;
    }
    if (!m_workspace->apply(*config, error))
        return false;
    m_created = m_key->text();
    const SourceConfig *sc = m_workspace->sourceConfig(m_created);
    m_url->setText(sc ? m_workspace->ingestUrl(sc->token) : QString());
    m_pages->setCurrentIndex(2);
    m_next->setText(tr("Done"));
    m_next->setEnabled(true);
    return true;
}

} // namespace inlet
