#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QTabWidget;

namespace inlet {

class EventLogPage;
class MappingEditor;
class SourceListModel;
class SourceSettingsForm;
class Workspace;

// Sources: the list (last event, counts) with "New source" and a filter;
// per source the tabs Mappings, Logs and Settings.
class SourcesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourcesPage)
public:
    enum class Tab { Mappings, Logs, Settings };

    explicit SourcesPage(Workspace *workspace, QWidget *parent = nullptr);

    void selectSource(const QString &key);
    QString currentSource() const { return m_current; }
    void showTab(Tab tab);
    void newSource();

    SourceListModel *list() const { return m_model; }
    MappingEditor *mappingEditor() const { return m_mappings; }
    SourceSettingsForm *settingsForm() const { return m_settings; }
    EventLogPage *logs() const { return m_logs; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onConfigurationChanged();

    Workspace *m_workspace;
    SourceListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QListView *m_listView;
    QLineEdit *m_filter;
    QLabel *m_header;
    QTabWidget *m_tabs;
    MappingEditor *m_mappings;
    EventLogPage *m_logs;
    SourceSettingsForm *m_settings;
    QString m_current;
};

} // namespace inlet
