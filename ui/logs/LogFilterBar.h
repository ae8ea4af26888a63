#pragma once

#include "logs/LogFilter.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QLabel;

namespace inlet {

class Workspace;

// The filters above both logs: source, event type, status, time range, text
// search and `path = value` (events) or action type (actions). Changes are
// debounced and emitted as one LogFilter for the current environment.
class LogFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterBar)
public:
    enum class Mode { Events, Actions };
    LogFilterBar(Workspace *workspace, Mode mode, QWidget *parent = nullptr);

    LogFilter filter() const;
    void setSource(const QString &source, bool locked); // the Logs tab of a source
    void setEventId(const QString &id);                 // actions of one event
    void setStatus(const QString &status);
    void focusSearch();
    void reloadChoices();

Q_SIGNALS:
    void filterChanged();

private:
    void scheduleChange();

    Workspace *m_workspace;
    Mode m_mode;
    QComboBox *m_source;
    QComboBox *m_type;
    QComboBox *m_status;
    QComboBox *m_range;
    QLineEdit *m_search;
    QLineEdit *m_where = nullptr;
    QComboBox *m_actionType = nullptr;
    QLineEdit *m_eventId = nullptr;
    QLabel *m_whereError = nullptr;
    class QTimer *m_debounce;
};

} // namespace inlet
