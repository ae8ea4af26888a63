#include "ui/logs/EventLogPage.h"

#include "models/app/Workspace.h"
#include "models/log/EventLogModel.h"
#include "models/log/LogExporter.h"
#include "ui/logs/EventDetailPane.h"
#include "ui/logs/LogFilterBar.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

EventLogPage::EventLogPage(Workspace *workspace, const QString &settingsKey, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_settingsKey(settingsKey)
    , m_filters(new LogFilterBar(workspace, LogFilterBar::Mode::Events, this))
    , m_model(new EventLogModel(workspace->worker(), this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_tail(new QCheckBox(tr("Live tail"), this))
    , m_export(new QPushButton(tr("Export..."), this))
    , m_detail(new EventDetailPane(workspace, this))
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
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    const QList<int> widths = {150, 110, 170, 110, 100, 170, 60, 60, 70, 240};
    for (int c = 0; c < widths.size(); ++c)
        m_table->setColumnWidth(c, widths.at(c));
    QSettings settings;
    m_table->horizontalHeader()->restoreState(settings.value(m_settingsKey + u"/header"_s).toByteArray());
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        // Hide and show columns; the header's state is remembered.
        QMenu menu(this);
        for (int c = 0; c < m_model->columnCount(); ++c) {
            QAction *a = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
            a->setCheckable(true);
            a->setChecked(!m_table->isColumnHidden(c));
            connect(a, &QAction::toggled, this, [this, c](bool on) { m_table->setColumnHidden(c, !on); });
        }
        menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
    });
    const auto saveHeader = [this] {
        QSettings().setValue(m_settingsKey + u"/header"_s, m_table->horizontalHeader()->saveState());
    };
    connect(m_table->horizontalHeader(), &QHeaderView::sectionMoved, this, saveHeader);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, saveHeader);
    tl->addWidget(m_table);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_count, 1);
    bar->addWidget(m_tail);
    bar->addWidget(m_export);
    tl->addLayout(bar);
    split->addWidget(top);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);

    connect(m_filters, &LogFilterBar::filterChanged, this, &EventLogPage::applyFilter);
    connect(m_model, &EventLogModel::totalCountChanged, this, &EventLogPage::updateCount);
    connect(m_model, &EventLogModel::pageLoaded, this, [this] {
        updateCount();
        // The current row may have been a placeholder when it was selected.
        if (m_shownId.isEmpty())
            onCurrentChanged();
        if (!m_pendingSelection.isEmpty()) {
            const int row = m_model->rowOf(m_pendingSelection);
            if (row >= 0) {
                m_table->selectRow(row);
                m_pendingSelection.clear();
            }
        }
    });
    connect(m_model, &EventLogModel::errorOccurred, this,
            [this](const QString &message) { m_count->setText(tr("Query failed: %1").arg(message)); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &EventLogPage::onCurrentChanged);
    connect(m_tail, &QCheckBox::toggled, m_model, &EventLogModel::setLiveTail);
    m_tail->setChecked(true);
    connect(workspace, &Workspace::eventsStored, m_model, &EventLogModel::notifyNewEvents);
    connect(workspace, &Workspace::eventProcessed, m_model, &EventLogModel::notifyNewEvents);
    connect(workspace, &Workspace::environmentChanged, this, &EventLogPage::applyFilter);
    connect(m_export, &QPushButton::clicked, this, &EventLogPage::exportRows);
    connect(m_detail, &EventDetailPane::replayed, this, [this](const QString &id) {
        m_pendingSelection = id;
        m_model->refresh();
    });
    connect(m_detail, &EventDetailPane::openEvent, this, &EventLogPage::selectEvent);
    connect(m_detail, &EventDetailPane::openActions, this, &EventLogPage::openActions);

    // Keyboard: Ctrl+F filters, J/K move, Ctrl+C copies JSON, Ctrl+Shift+C curl.
    const auto shortcut = [this](const QKeySequence &keys, auto slot) {
        auto *s = new QShortcut(keys, this, slot);
        s->setContext(Qt::WidgetWithChildrenShortcut);
    };
    shortcut(QKeySequence::Find, [this] { m_filters->focusSearch(); });
    shortcut(QKeySequence(Qt::Key_J), [this] { moveSelection(1); });
    shortcut(QKeySequence(Qt::Key_K), [this] { moveSelection(-1); });
    shortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] { m_detail->copyAsCurl(); });
    auto *copy = new QShortcut(QKeySequence::Copy, m_table, [this] { m_detail->copyAsJson(); });
    copy->setContext(Qt::WidgetShortcut);
    applyFilter();
}

void EventLogPage::lockSource(const QString &source)
{
    m_filters->setSource(source, true);
    applyFilter();
}

void EventLogPage::showStatus(const QString &status)
{
    m_filters->setStatus(status);
    applyFilter();
}

void EventLogPage::selectEvent(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row >= 0) {
        m_table->selectRow(row);
        return;
    }
    // Not loaded (or filtered out): show it in the pane anyway.
    m_shownId = id;
    m_detail->loadEvent(id);
}

void EventLogPage::selectFirst()
{
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
}

void EventLogPage::applyFilter()
{
    m_detail->clear();
    m_shownId.clear();
    m_model->setFilter(m_filters->filter());
    updateCount();
}

void EventLogPage::updateCount()
{
    const QLocale locale;
    const qint64 total = m_model->totalCount();
    QString text = total < 0 ? tr("%1+ events (counting...)").arg(locale.toString(m_model->knownRowCount()))
                             : tr("%1 events").arg(locale.toString(total));
    if (m_model->liveTail())
        text += u" \u00b7 "_s + tr("live tail on");
    m_count->setText(text);
}

void EventLogPage::onCurrentChanged()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    m_shownId = current.data(EventLogModel::IdRole).toString();
    if (!m_shownId.isEmpty()) // empty: not loaded yet; shown when its page arrives
        m_detail->loadEvent(m_shownId);
}

void EventLogPage::moveSelection(int delta)
{
    const int row = qBound(0, m_table->currentIndex().row() + delta, m_model->rowCount() - 1);
    if (row >= 0)
        m_table->selectRow(row);
}

void EventLogPage::exportRows()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export events"), u"events.ndjson"_s,
                                                      tr("NDJSON (*.ndjson);;CSV (*.csv)"), &selected);
    if (path.isEmpty())
        return;
    const LogExporter::Format format = path.endsWith(u".csv"_s) || selected.startsWith(u"CSV"_s)
                                           ? LogExporter::Format::Csv
                                           : LogExporter::Format::Ndjson;
    auto *exporter = new LogExporter(m_workspace->worker(), this);
    auto *progress = new QProgressDialog(tr("Exporting events..."), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, exporter, &LogExporter::cancel);
    connect(exporter, &LogExporter::progress, progress,
            [progress](qint64 rows) { progress->setLabelText(tr("Exported %1 events...").arg(rows)); });
    connect(exporter, &LogExporter::finished, this, [this, exporter, progress](bool ok, qint64 rows, const QString &e) {
        progress->deleteLater();
        exporter->deleteLater();
        m_count->setText(ok ? tr("Exported %1 events").arg(rows) : tr("Export stopped: %1").arg(e));
    });
    LogFilter f = m_model->filter();
    exporter->start(LogExporter::Kind::Events, f, format, path);
}

} // namespace inlet
