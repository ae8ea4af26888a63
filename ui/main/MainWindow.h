#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class QToolButton;
class QTimer;

namespace inlet {

class ActionLogPage;
class DataPage;
class EventLogPage;
class OverviewPage;
class SourcesPage;
class Workspace;

// The main window (UI.md): environment selector, listening URL with copy,
// pause/resume of ingestion, side navigation between the five pages, and a
// status bar with events per second and recent errors.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    enum class Page { Overview, Sources, EventLog, ActionLog, Data };

    explicit MainWindow(Workspace *workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;
    void setEnvironment(const QString &env);

    OverviewPage *overviewPage() const { return m_overview; }
    SourcesPage *sourcesPage() const { return m_sources; }
    EventLogPage *eventLogPage() const { return m_events; }
    ActionLogPage *actionLogPage() const { return m_actions; }
    DataPage *dataPage() const { return m_data; }
    QComboBox *environmentSelector() const { return m_environment; }
    QString statusText() const;

protected:
    void closeEvent(class QCloseEvent *event) override;

private:
    void reloadEnvironments();
    void togglePause();
    void updateStatus();

    Workspace *m_workspace;
    QComboBox *m_environment;
    QLabel *m_url;
    QToolButton *m_pause;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    OverviewPage *m_overview;
    SourcesPage *m_sources;
    EventLogPage *m_events;
    ActionLogPage *m_actions;
    DataPage *m_data;
    QLabel *m_statusLabel;
    QTimer *m_statusTimer;
    qint64 m_storedSinceTick = 0;
    double m_rate = 0;
    qint64 m_errors5Min = 0;
};

} // namespace inlet
