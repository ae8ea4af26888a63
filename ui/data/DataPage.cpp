#include "ui/data/DataPage.h"

#include "logs/EventLog.h"
#include "models/app/Workspace.h"
#include "models/data/StoreTableModel.h"
#include "models/db/SqlWorker.h"
#include "models/log/StatusStyle.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

DataPage::DataPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabBar(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_detail(new QPlainTextEdit(this))
    , m_changedBy(new QTreeWidget(this))
    , m_debounce(new QTimer(this))
{
    using Kind = StoreTableModel::Kind;
    const QList<std::pair<QString, Kind>> kinds = {
        {tr("Users"), Kind::Users},         {tr("Objects"), Kind::Objects},     {tr("Tenants"), Kind::Tenants},
        {tr("Audiences"), Kind::Audiences}, {tr("Workflows"), Kind::Workflows}, {tr("Runs"), Kind::Runs}};
    for (const auto &[label, kind] : kinds) {
        m_tabs->addTab(label);
        m_models.append(new StoreTableModel(workspace->worker(), kind, this));
    }
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_tabs);
    top->addStretch();
    m_search->setPlaceholderText(tr("Search ids, names, emails"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    top->addWidget(m_search);
    layout->addLayout(top);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    split->addWidget(m_table);
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rl->addWidget(m_detail, 3);
    rl->addWidget(new QLabel(tr("Changed by (newest first; double-click to open)"), right));
    m_changedBy->setHeaderLabels({tr("When"), tr("Event"), tr("Action"), tr("Status")});
    m_changedBy->setRootIsDecorated(false);
    rl->addWidget(m_changedBy, 2);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &DataPage::reload);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_tabs, &QTabBar::currentChanged, this, &DataPage::showTab);
    connect(workspace, &Workspace::environmentChanged, this, &DataPage::reload);
    connect(m_changedBy, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { Q_EMIT openEvent(item->text(1)); });
    showTab(0);
}

void DataPage::showTab(int index)
{
    if (m_tabs->currentIndex() != index)
        m_tabs->setCurrentIndex(index); // re-enters through currentChanged
    StoreTableModel *model = m_models.value(index);
    if (!model || m_table->model() == model)
        return;
    m_table->setModel(model);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DataPage::onCurrentChanged,
            Qt::UniqueConnection);
    m_detail->clear();
    m_changedBy->clear();
    reload();
}

void DataPage::reload()
{
    if (auto *model = m_models.value(m_tabs->currentIndex()))
        model->load(m_workspace->environment(), m_search->text().trimmed());
}

void DataPage::selectFirst()
{
    if (m_table->model() && m_table->model()->rowCount() > 0)
        m_table->selectRow(0);
}

QString DataPage::detailText() const
{
    return m_detail->toPlainText();
}

void DataPage::onCurrentChanged()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const QJsonObject record = current.data(StoreTableModel::RecordRole).toJsonObject();
    m_detail->setPlainText(QString::fromUtf8(QJsonDocument(record).toJson()));
    m_changedBy->clear();
    // The actions whose resolved values name this record.
    const QString id = record.value(record.contains(u"id"_s) ? u"id"_s : u"key"_s).toString();
    const QString lastEvent = current.data(StoreTableModel::EventIdRole).toString();
    if (id.isEmpty())
        return;
    LogFilter f;
    f.env = m_workspace->environment();
    f.search = u"\""_s + id + u"\""_s;
    f.limit = 20;
    const int generation = ++m_generation;
    m_workspace->worker()->run<QList<ActionRecord>>(
        this, [f](QSqlDatabase &db) { return db.isValid() ? EventLog(db).actions(f) : QList<ActionRecord>(); },
        [this, generation, lastEvent](QList<ActionRecord> actions) {
            if (generation != m_generation)
                return;
            bool listedLast = false;
            for (const ActionRecord &a : actions) {
                new QTreeWidgetItem(m_changedBy,
                                    {statusstyle::formatTime(a.executedAt), a.eventId, a.actionType, a.status});
                listedLast = listedLast || a.eventId == lastEvent;
            }
            if (!listedLast && !lastEvent.isEmpty())
                new QTreeWidgetItem(m_changedBy, {QString(), lastEvent, tr("last update"), QString()});
            for (int c = 0; c < 4; ++c)
                m_changedBy->resizeColumnToContents(c);
        });
}

} // namespace inlet
