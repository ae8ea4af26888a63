#pragma once

#include "logs/ActionRecord.h"
#include "logs/EventRecord.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QTreeView;
class QTreeWidget;
class QCheckBox;

namespace inlet {

class JsonTreeModel;
class Workspace;

// The detail of one event: overview (status and reason, verification,
// idempotency, origin), body as a tree and as text, headers, preprocess
// output and the linked actions (each opens in the action log); replay,
// rehearse and copy as curl.
class EventDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventDetailPane)
public:
    explicit EventDetailPane(Workspace *workspace, QWidget *parent = nullptr);

    void loadEvent(const QString &id); // loads on the worker thread
    void clear();
    QString eventId() const { return m_event.id; }
    const EventRecord &shownEvent() const { return m_event; }
    const QList<ActionRecord> &actions() const { return m_actions; }
    QString overviewText() const;
    QString bodyText() const; // the Body tab's text, as shown (indented or raw)
    QTabWidget *tabs() const { return m_tabs; }

    void copyAsCurl();
    void copyAsJson();
    void replay();
    // Runs the event through the running configuration inside a rolled-back
    // transaction and lists in the Rehearsal tab what each action would do.
    void rehearse();
    QTreeWidget *actionsTree() const { return m_actionsTree; }
    QTreeWidget *rehearsalTree() const { return m_rehearsalTree; }
    QString message() const;

Q_SIGNALS:
    void loaded();
    void replayed(const QString &newEventId);
    void rehearsed();
    // `actionId` is the action to select there (may be empty).
    void openActions(const QString &eventId, const QString &actionId);
    void openEvent(const QString &eventId);

private:
    struct Loaded
    {
        std::optional<EventRecord> event;
        QList<ActionRecord> actions;
    };
    void present(const Loaded &loaded);
    void fillActions(QTreeWidget *tree, const QList<ActionRecord> &actions);
    void updateRaw();

    Workspace *m_workspace;
    EventRecord m_event;
    QList<ActionRecord> m_actions;
    int m_generation = 0;
    QTabWidget *m_tabs;
    QTextBrowser *m_overview;
    JsonTreeModel *m_bodyModel;
    QTreeView *m_bodyTree;
    QPlainTextEdit *m_raw;
    QCheckBox *m_pretty;
    JsonTreeModel *m_headersModel;
    QPlainTextEdit *m_preprocess;
    QTreeWidget *m_actionsTree;
    QTreeWidget *m_rehearsalTree;
    QPushButton *m_replay;
    QPushButton *m_rehearse;
    QPushButton *m_curl;
    QLabel *m_message;
};

} // namespace inlet
