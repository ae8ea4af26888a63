#include "ui/sources/SourcesPage.h"

#include "models/app/Workspace.h"
#include "models/sources/SourceListModel.h"
#include "ui/logs/EventLogPage.h"
#include "ui/mapping/MappingEditor.h"
#include "ui/sources/NewSourceDialog.h"
#include "ui/sources/SourceSettingsForm.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

SourcesPage::SourcesPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new SourceListModel(workspace->worker(), this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_listView(new QListView(this))
    , m_filter(new QLineEdit(this))
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_mappings(new MappingEditor(workspace, this))
    , m_logs(new EventLogPage(workspace, u"sourceLog"_s, this))
    , m_settings(new SourceSettingsForm(workspace, this))
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(split);
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    auto *create = new QPushButton(tr("+ New source"), left);
    top->addWidget(create);
    m_filter->setPlaceholderText(tr("filter"));
    m_filter->setClearButtonEnabled(true);
    top->addWidget(m_filter);
    ll->addLayout(top);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_listView->setModel(m_proxy);
    m_listView->setSpacing(2);
    ll->addWidget(m_listView);
    split->addWidget(left);
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_header);
    m_tabs->addTab(m_mappings, tr("Mappings"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_tabs->addTab(m_settings, tr("Settings"));
    rl->addWidget(m_tabs);
    split->addWidget(right);
    split->setSizes({200, 1040}); // the mapping editor's three columns need the room
    split->setStretchFactor(1, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_listView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &i) {
        const QString key = i.data(SourceListModel::KeyRole).toString();
        if (!key.isEmpty() && key != m_current)
            selectSource(key);
    });
    connect(create, &QPushButton::clicked, this, &SourcesPage::newSource);
    connect(workspace, &Workspace::configurationChanged, this, &SourcesPage::onConfigurationChanged);
    connect(workspace, &Workspace::environmentChanged, this, &SourcesPage::onConfigurationChanged);
    // Counts move with traffic; refreshed at a calm pace.
    auto *timer = new QTimer(this);
    timer->setInterval(5000);
    connect(timer, &QTimer::timeout, this, [this] {
        if (isVisible()) // hidden, it refreshes when shown
            m_model->refreshCounts();
    });
    timer->start();
    onConfigurationChanged();
}

void SourcesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->refreshCounts();
}

void SourcesPage::onConfigurationChanged()
{
    m_model->setConfiguration(m_workspace->configuration(), m_workspace->environment());
    const QString keep = m_current;
    if (keep.isEmpty() || m_model->rowOf(keep) < 0) {
        m_current.clear();
        if (m_model->rowCount() > 0)
            selectSource(m_model->index(0).data(SourceListModel::KeyRole).toString());
        return;
    }
    const QSignalBlocker block(m_listView->selectionModel());
    m_listView->setCurrentIndex(m_proxy->mapFromSource(m_model->index(m_model->rowOf(keep))));
}

void SourcesPage::selectSource(const QString &key)
{
    m_current = key;
    const int row = m_model->rowOf(key);
    if (row >= 0) {
        const QSignalBlocker block(m_listView->selectionModel());
        m_listView->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row)));
    }
    const SourceDefinition *def = m_workspace->configuration().source(key);
    m_header->setText(def ? u"<span style='font-size:large'><b>%1</b></span>  <span style='color:gray'>%2 \u00b7 "
                            u"template %3</span>"_s.arg(def->name.toHtmlEscaped(), def->key.toHtmlEscaped(),
                                                        def->templateKey.toHtmlEscaped())
                          : QString());
    m_mappings->setSource(key);
    m_logs->lockSource(key);
    m_settings->setSource(key);
}

void SourcesPage::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void SourcesPage::newSource()
{
    NewSourceDialog dialog(m_workspace, this);
    if (dialog.exec() == QDialog::Accepted)
        selectSource(dialog.createdKey());
}

} // namespace inlet
