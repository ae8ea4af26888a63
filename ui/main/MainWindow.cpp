#include "ui/main/MainWindow.h"

#include "ingest/Engine.h"
#include "models/app/Workspace.h"
#include "models/db/SqlWorker.h"
#include "ui/data/DataPage.h"
#include "ui/logs/ActionLogPage.h"
#include "ui/logs/EventLogPage.h"
#include "ui/overview/OverviewPage.h"
#include "ui/sources/SourcesPage.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QSplitter>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

MainWindow::MainWindow(Workspace *workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_environment(new QComboBox(this))
    , m_url(new QLabel(this))
    , m_pause(new QToolButton(this))
    , m_nav(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_statusTimer(new QTimer(this))
{
    setWindowTitle(tr("Inlet"));
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"main-toolbar"_s);
    toolbar->setMovable(false);
    auto *brand = new QLabel(u"<b>Inlet</b>"_s, this);
    brand->setContentsMargins(6, 0, 12, 0);
    toolbar->addWidget(brand);
    toolbar->addWidget(new QLabel(tr("Environment: "), this));
    m_environment->setMinimumContentsLength(12);
    toolbar->addWidget(m_environment);
    auto *spacer = new QWidget(this);
    spacer->setFixedWidth(16);
    toolbar->addWidget(spacer);
    m_url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    toolbar->addWidget(m_url);
    QAction *copy = toolbar->addAction(style()->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Copy URL"));
    copy->setToolTip(tr("Copy the listening URL"));
    connect(copy, &QAction::triggered, this, [this] { QApplication::clipboard()->setText(m_workspace->baseUrl()); });
    m_pause->setCheckable(true);
    m_pause->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    m_pause->setToolTip(tr("Pause ingestion (the port answers 503 while paused)"));
    m_pause->setText(tr("Pause"));
    m_pause->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(m_pause);
    connect(m_pause, &QToolButton::toggled, this, &MainWindow::togglePause);

    m_overview = new OverviewPage(workspace, this);
    m_sources = new SourcesPage(workspace, this);
    m_events = new EventLogPage(workspace, u"eventLog"_s, this);
    m_actions = new ActionLogPage(workspace, this);
    m_data = new DataPage(workspace, this);
    const QList<std::pair<QString, QWidget *>> pages = {{tr("Overview"), m_overview},
                                                        {tr("Sources"), m_sources},
                                                        {tr("Event log"), m_events},
                                                        {tr("Action log"), m_actions},
                                                        {tr("Data"), m_data}};
    for (const auto &[label, page] : pages) {
        m_nav->addItem(label);
        m_stack->addWidget(page);
    }
    m_nav->setFixedWidth(140);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(2);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    auto *central = new QWidget(this);
    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_nav);
    row->addWidget(m_stack, 1);
    setCentralWidget(central);

    statusBar()->addWidget(m_statusLabel, 1);
    connect(m_overview, &OverviewPage::openEvent, this, [this](const QString &id) {
        showPage(Page::EventLog);
        m_events->selectEvent(id);
    });
    connect(m_events, &EventLogPage::openActions, this, [this](const QString &id, const QString &actionId) {
        showPage(Page::ActionLog);
        m_actions->showActionsOf(id, actionId);
    });
    connect(m_actions, &ActionLogPage::openEvent, this, [this](const QString &id) {
        showPage(Page::EventLog);
        m_events->selectEvent(id);
    });
    connect(m_data, &DataPage::openEvent, this, [this](const QString &id) {
        showPage(Page::EventLog);
        m_events->selectEvent(id);
    });

    connect(m_environment, &QComboBox::currentIndexChanged, this, [this] {
        const QString env = m_environment->currentData().toString();
        if (!env.isEmpty())
            m_workspace->setEnvironment(env);
    });
    connect(workspace, &Workspace::configurationChanged, this, &MainWindow::reloadEnvironments);
    connect(workspace, &Workspace::environmentChanged, this, [this] {
        m_errors5Min = 0;
        updateStatus();
    });
    connect(workspace, &Workspace::eventsStored, this, [this](int n) { m_storedSinceTick += n; });
    m_statusTimer->setInterval(2000);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer->start();
    reloadEnvironments();

    QSettings settings;
    resize(1280, 800);
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    m_nav->setCurrentRow(qBound(0, settings.value(u"window/page"_s, 0).toInt(), int(pages.size()) - 1));
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/page"_s, m_nav->currentRow());
    settings.setValue(u"window/environment"_s, m_workspace->environment());
    QMainWindow::closeEvent(event);
}

void MainWindow::showPage(Page page)
{
    m_nav->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_nav->currentRow());
}

void MainWindow::setEnvironment(const QString &env)
{
    const int i = m_environment->findData(env);
    if (i >= 0)
        m_environment->setCurrentIndex(i);
}

void MainWindow::reloadEnvironments()
{
    const QSignalBlocker block(m_environment);
    m_environment->clear();
    for (const Environment &e : m_workspace->environments())
        m_environment->addItem(e.name.isEmpty() ? e.key : e.name, e.key);
    m_environment->setCurrentIndex(qMax(0, m_environment->findData(m_workspace->environment())));
    const QString url = m_workspace->baseUrl();
    m_url->setText(url.isEmpty() ? tr("Not listening") : tr("Listening %1").arg(url));
}

void MainWindow::togglePause()
{
    if (Engine *engine = m_workspace->engine())
        engine->setPaused(m_pause->isChecked());
    m_pause->setIcon(style()->standardIcon(m_pause->isChecked() ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_pause->setText(m_pause->isChecked() ? tr("Resume") : tr("Pause"));
    updateStatus();
}

void MainWindow::updateStatus()
{
    m_rate = double(m_storedSinceTick) / (m_statusTimer->interval() / 1000.0);
    m_storedSinceTick = 0;
    const QString env = m_workspace->environment();
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - 5 * 60000;
    m_workspace->worker()->run<qint64>(
        this,
        [env, since](QSqlDatabase &db) -> qint64 {
            QSqlQuery q(db);
            // `+env`: the last five minutes through events_received, not every
            // failed event of the environment (see OverviewStats::query).
            q.prepare(u"SELECT count(*) FROM events WHERE +env = ? AND received_at >= ?"
                      " AND status IN ('rejected', 'failed')"_s);
            q.addBindValue(env);
            q.addBindValue(since);
            return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
        },
        [this](qint64 errors) {
            m_errors5Min = errors;
            m_statusLabel->setText(statusText());
        });
    m_statusLabel->setText(statusText());
}

QString MainWindow::statusText() const
{
    QStringList parts;
    const Engine *engine = m_workspace->engine();
    if (engine && engine->isPaused())
        parts << tr("Ingestion paused: requests get 503");
    parts << tr("%1 ev/s").arg(m_rate, 0, 'f', 1);
    parts << tr("%n error(s) last 5 min", nullptr, int(m_errors5Min));
    parts << tr("environment %1").arg(m_workspace->environment());
    parts << u"v"_s + QApplication::applicationVersion();
    return parts.join(u" \u00b7 "_s);
}

} // namespace inlet
