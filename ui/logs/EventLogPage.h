#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;
class QPushButton;

namespace inlet {

class EventDetailPane;
class EventLogModel;
class LogFilterBar;
class Workspace;

// The event log: filters, the lazy table, the row count, live tail, export
// and the detail pane of the selected event. Also the Logs tab of a source
// (with the source filter locked).
class EventLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPage)
public:
    explicit EventLogPage(Workspace *workspace, const QString &settingsKey, QWidget *parent = nullptr);

    void lockSource(const QString &source);
    void showStatus(const QString &status);
    void selectEvent(const QString &id); // selects it once loaded
    void selectFirst();

    EventLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    EventDetailPane *detail() const { return m_detail; }
    LogFilterBar *filterBar() const { return m_filters; }

Q_SIGNALS:
    void openActions(const QString &eventId, const QString &actionId);

private:
    void applyFilter();
    void updateCount();
    void exportRows();
    void moveSelection(int delta);
    void onCurrentChanged();

    Workspace *m_workspace;
    QString m_settingsKey;
    LogFilterBar *m_filters;
    EventLogModel *m_model;
    QTableView *m_table;
    QLabel *m_count;
    QCheckBox *m_tail;
    QPushButton *m_export;
    EventDetailPane *m_detail;
    QString m_pendingSelection;
    QString m_shownId; // the event in the detail pane
};

} // namespace inlet
