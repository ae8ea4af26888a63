#pragma once

#include <QWidget>

class QTreeWidget;
class QLabel;
class QTimer;

namespace inlet {

class MinuteChart;
class OverviewStats;
class Workspace;

// Events per minute by status for the last hour, events per source, the
// recent problems (each a link into the log) and sources that went silent.
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)
public:
    explicit OverviewPage(Workspace *workspace, QWidget *parent = nullptr);

    void reload();
    OverviewStats *stats() const { return m_stats; }
    QTreeWidget *problems() const { return m_problems; }

Q_SIGNALS:
    void openEvent(const QString &eventId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void present();

    Workspace *m_workspace;
    OverviewStats *m_stats;
    MinuteChart *m_chart;
    QTreeWidget *m_sources;
    QTreeWidget *m_problems;
    QLabel *m_headline;
    QTimer *m_timer;
};

} // namespace inlet
