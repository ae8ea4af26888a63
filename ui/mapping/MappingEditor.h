#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QSpinBox;
class QTableView;
class QVBoxLayout;

namespace inlet {

class ActionCard;
class EventTypeModel;
class JsonTreeModel;
class JsonTreeView;
class MappingDocument;
class RehearsalModel;
class SampleBrowser;
class Workspace;

// The Mappings tab (UI.md): event types on the left, the selected type's
// mappings as action cards in the middle, its sample payload as a tree on
// the right. Drag a node onto a parameter to set its path; every edit is an
// undo command of the MappingDocument; Save applies to the running engine.
class MappingEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MappingEditor)
public:
    explicit MappingEditor(Workspace *workspace, QWidget *parent = nullptr);

    void setSource(const QString &key);
    void selectEventType(const QString &type);
    QString eventType() const { return m_type; }
    bool save(QString *error);
    void rehearse();

    MappingDocument *document() const { return m_document; }
    EventTypeModel *eventTypes() const { return m_types; }
    SampleBrowser *samples() const { return m_samples; }
    JsonTreeModel *sampleModel() const { return m_sampleModel; }
    JsonTreeView *sampleTree() const { return m_sampleTree; }
    RehearsalModel *rehearsal() const { return m_rehearsal; }
    QList<ActionCard *> cards() const { return m_cards; }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reloadTypes();
    void reloadDocument();
    void rebuildCards();
    void updateSample();
    void updateHeader();
    void addMapping(int actionType);

    Workspace *m_workspace;
    QString m_source;
    QString m_type;
    MappingDocument *m_document;
    EventTypeModel *m_types;
    SampleBrowser *m_samples;
    JsonTreeModel *m_sampleModel;
    RehearsalModel *m_rehearsal;
    QListView *m_typeList;
    QLabel *m_title;
    QWidget *m_cardsHost;
    QVBoxLayout *m_cardsLayout;
    QList<ActionCard *> m_cards;
    QLabel *m_samplePosition;
    JsonTreeView *m_sampleTree;
    QSpinBox *m_rehearseCount;
    QTableView *m_rehearsalTable;
    QLabel *m_rehearsalSummary;
    QPushButton *m_save;
};

} // namespace inlet
