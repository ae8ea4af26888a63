#include "ui/overview/OverviewPage.h"

#include "models/app/Workspace.h"
#include "models/log/StatusStyle.h"
#include "models/overview/OverviewStats.h"
#include "ui/overview/MinuteChart.h"

#include <QDateTime>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

OverviewPage::OverviewPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_stats(new OverviewStats(workspace->worker(), this))
    , m_chart(new MinuteChart(this))
    , m_sources(new QTreeWidget(this))
    , m_problems(new QTreeWidget(this))
    , m_headline(new QLabel(this))
    , m_timer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_headline->setFont(big);
    layout->addWidget(m_headline);
    auto *chartBox = new QGroupBox(tr("Events per minute, last hour, by status"), this);
    auto *cl = new QVBoxLayout(chartBox);
    cl->addWidget(m_chart);
    layout->addWidget(chartBox, 3);
    auto *row = new QHBoxLayout;
    auto *sourcesBox = new QGroupBox(tr("Events per source, last 24 h"), this);
    auto *sl = new QVBoxLayout(sourcesBox);
    m_sources->setHeaderLabels({tr("Source"), tr("Events"), QString()});
    m_sources->setRootIsDecorated(false);
    sl->addWidget(m_sources);
    row->addWidget(sourcesBox, 2);
    auto *problemsBox = new QGroupBox(tr("Recent problems"), this);
    auto *pl = new QVBoxLayout(problemsBox);
    m_problems->setHeaderLabels({tr("When"), tr("Source"), tr("What"), tr("Status"), tr("Reason")});
    m_problems->setRootIsDecorated(false);
    m_problems->header()->setStretchLastSection(true);
    m_problems->setToolTip(tr("Double-click to open the event"));
    pl->addWidget(m_problems);
    row->addWidget(problemsBox, 3);
    layout->addLayout(row, 3);

    connect(m_stats, &OverviewStats::loaded, this, &OverviewPage::present);
    connect(m_problems, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { Q_EMIT openEvent(item->data(0, Qt::UserRole).toString()); });
    connect(workspace, &Workspace::environmentChanged, this, &OverviewPage::reload);
    connect(workspace, &Workspace::configurationChanged, this, &OverviewPage::reload);
    m_timer->setInterval(5000);
    // Hidden, the page need not refresh (showEvent reloads it).
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            reload();
    });
    m_timer->start();
    reload();
}

void OverviewPage::reload()
{
    m_stats->load(m_workspace->environment(), QDateTime::currentMSecsSinceEpoch());
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void OverviewPage::present()
{
    const OverviewStats::Data &d = m_stats->data();
    m_chart->setData(d.perMinute, d.firstMinute);
    qint64 hour = 0;
    for (const auto &bucket : d.perMinute) {
        for (int v : bucket)
            hour += v;
    }
    m_headline->setText(
        tr("%1 \u2014 %n event(s) in the last hour", nullptr, int(hour)).arg(m_workspace->environment()) +
        u" \u00b7 "_s + tr("%n problem(s) in the last 5 min", nullptr, int(d.errorsLast5Min)));

    m_sources->clear();
    qint64 busiest = 1;
    for (const auto &[source, count] : d.perSource)
        busiest = qMax(busiest, count);
    QSet<QString> seen;
    for (const auto &[source, count] : d.perSource) {
        seen.insert(source);
        auto *item = new QTreeWidgetItem(m_sources, {source, QString::number(count)});
        auto *bar = new QProgressBar(m_sources);
        bar->setRange(0, 1000);
        bar->setValue(int(count * 1000 / busiest));
        bar->setTextVisible(false);
        bar->setMaximumHeight(12);
        m_sources->setItemWidget(item, 2, bar);
    }
    // Sources configured here that have been silent for 24 h.
    for (const SourceDefinition &def : m_workspace->configuration().sources) {
        if (seen.contains(def.key) || !m_workspace->sourceConfig(def.key))
            continue;
        auto *item = new QTreeWidgetItem(m_sources, {def.key, tr("nothing in 24 h")});
        item->setForeground(1, QColor(0xc0, 0x7a, 0x00));
    }
    m_sources->resizeColumnToContents(0);

    m_problems->clear();
    for (const OverviewStats::Problem &p : d.problems) {
        auto *item =
            new QTreeWidgetItem(m_problems, {statusstyle::formatTime(p.atMs), p.source, p.what, p.status, p.reason});
        item->setData(0, Qt::UserRole, p.eventId);
        QPixmap chip(10, 10);
        chip.fill(statusstyle::color(p.status));
        item->setIcon(3, QIcon(chip));
        item->setToolTip(4, p.reason);
    }
    for (int c = 0; c < 4; ++c)
        m_problems->resizeColumnToContents(c);
}

} // namespace inlet
