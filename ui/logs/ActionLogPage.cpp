#include "ui/logs/ActionLogPage.h"

#include "models/app/Workspace.h"
#include "models/log/ActionLogModel.h"
#include "ui/logs/LogFilterBar.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionLogPage::ActionLogPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_filters(new LogFilterBar(workspace, LogFilterBar::Mode::Actions, this))
    , m_model(new ActionLogModel(workspace->worker(), this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_detail(new QPlainTextEdit(this))
    , m_openEvent(new QPushButton(tr("Open event"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filters);
    auto *split = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(split);
    auto *tl = new QVBoxLayout(top);
    tl->setContentsMargins(0, 0, 0, 0);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QList<int> widths = {150, 100, 150, 150, 90, 260, 60, 240};
    for (int c = 0; c < widths.size(); ++c)
        m_table->setColumnWidth(c, widths.at(c));
    tl->addWidget(m_table);
    auto *bar = new QHBoxLayout;
    auto *tail = new QCheckBox(tr("Live tail"), this);
    bar->addWidget(m_count, 1);
    bar->addWidget(tail);
    tl->addLayout(bar);
    split->addWidget(top);
    auto *bottom = new QWidget(split);
    auto *bl = new QVBoxLayout(bottom);
    bl->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_openEvent);
    bl->addLayout(buttons);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    bl->addWidget(m_detail);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);
    m_openEvent->setEnabled(false);

    connect(m_filters, &LogFilterBar::filterChanged, this, &ActionLogPage::applyFilter);
    connect(m_model, &ActionLogModel::totalCountChanged, this, &ActionLogPage::updateCount);
    connect(m_model, &ActionLogModel::pageLoaded, this, &ActionLogPage::updateCount);
    connect(m_model, &ActionLogModel::pageLoaded, this, [this] {
        if (m_pendingAction.isEmpty())
            return;
        // Only loaded rows can be searched; an action of one event is on its first page.
        const int row = m_pendingAction == u"*" ? (m_model->rowCount() > 0 ? 0 : -1) : m_model->rowOf(m_pendingAction);
        if (row < 0)
            return;
        m_pendingAction.clear();
        m_table->selectRow(row);
        m_table->scrollTo(m_model->index(row, 0));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ActionLogPage::onCurrentChanged);
    connect(tail, &QCheckBox::toggled, m_model, &ActionLogModel::setLiveTail);
    tail->setChecked(true);
    connect(workspace, &Workspace::eventProcessed, m_model, &ActionLogModel::notifyNewEvents);
    connect(workspace, &Workspace::environmentChanged, this, &ActionLogPage::applyFilter);
    connect(m_openEvent, &QPushButton::clicked, this, [this] { Q_EMIT openEvent(m_eventId); });
    auto *find = new QShortcut(QKeySequence::Find, this, [this] { m_filters->focusSearch(); });
    find->setContext(Qt::WidgetWithChildrenShortcut);
    applyFilter();
}

void ActionLogPage::showActionsOf(const QString &eventId, const QString &actionId)
{
    m_filters->setEventId(eventId);
    m_pendingAction = actionId.isEmpty() ? u"*"_s : actionId;
    applyFilter();
}

QString ActionLogPage::selectedActionId() const
{
    const ActionRecord *a = m_model->record(m_table->currentIndex().row());
    return a ? a->id : QString();
}

void ActionLogPage::selectFirst()
{
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}

QString ActionLogPage::detailText() const
{
    return m_detail->toPlainText();
}

void ActionLogPage::applyFilter()
{
    m_detail->clear();
    m_openEvent->setEnabled(false);
    m_model->setFilter(m_filters->filter());
}

void ActionLogPage::updateCount()
{
    const qint64 total = m_model->totalCount();
    m_count->setText(total < 0 ? tr("%1+ actions (counting...)").arg(QLocale().toString(m_model->knownRowCount()))
                               : tr("%1 actions").arg(QLocale().toString(total)));
}

void ActionLogPage::onCurrentChanged()
{
    const ActionRecord *a = m_model->record(m_table->currentIndex().row());
    if (!a)
        return;
    m_eventId = a->eventId;
    m_openEvent->setEnabled(true);
    QJsonObject o = a->toJson();
    m_detail->setPlainText(QString::fromUtf8(QJsonDocument(o).toJson()));
}

} // namespace inlet
