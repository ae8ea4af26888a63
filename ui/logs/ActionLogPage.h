#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace inlet {

class ActionLogModel;
class LogFilterBar;
class Workspace;

// The action log: same shape as the event log; the detail shows the action
// as configured, resolved and its result, with a link to its event.
class ActionLogPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionLogPage)
public:
    explicit ActionLogPage(Workspace *workspace, QWidget *parent = nullptr);

    // Filters on the event; selects `actionId` (or the first) once loaded.
    void showActionsOf(const QString &eventId, const QString &actionId = {});
    QString selectedActionId() const;
    void selectFirst();
    ActionLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString detailText() const;

Q_SIGNALS:
    void openEvent(const QString &eventId);

private:
    void applyFilter();
    void updateCount();
    void onCurrentChanged();

    Workspace *m_workspace;
    LogFilterBar *m_filters;
    ActionLogModel *m_model;
    QTableView *m_table;
    QLabel *m_count;
    QPlainTextEdit *m_detail;
    QPushButton *m_openEvent;
    QString m_eventId;
    QString m_pendingAction; // to select when the filtered rows arrive
};

} // namespace inlet
