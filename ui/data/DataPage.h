#pragma once

#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QTabBar;
class QTableView;
class QTreeWidget;
class QTimer;

namespace inlet {

class StoreTableModel;
class Workspace;

// The store of the environment: users, objects, tenants, audiences,
// workflows and runs, searchable; the detail shows the record and "changed
// by": the events and actions that wrote it, each a link into the logs.
class DataPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataPage)
public:
    explicit DataPage(Workspace *workspace, QWidget *parent = nullptr);

    void reload();
    void showTab(int index);
    void selectFirst();
    StoreTableModel *model(int tab) const { return m_models.value(tab); }
    QString detailText() const;

Q_SIGNALS:
    void openEvent(const QString &eventId);

private:
    void onCurrentChanged();

    Workspace *m_workspace;
    QTabBar *m_tabs;
    QLineEdit *m_search;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QTreeWidget *m_changedBy;
    QList<StoreTableModel *> m_models;
    QTimer *m_debounce;
    int m_generation = 0;
};

} // namespace inlet
