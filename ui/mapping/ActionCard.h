#pragma once

#include <QGroupBox>

class QCheckBox;
class QTableView;

namespace inlet {

class MappingDocument;
class MappingParameterModel;
class ParameterMenu;
class PathCompletionModel;

// One mapping as a card: its action, the active toggle, and one row per
// parameter (expression, resolved value, check, menu) that accepts dropped
// paths, completes typed ones from the sample, and offers the other value
// forms in the row's menu.
class ActionCard final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionCard)
public:
    ActionCard(MappingDocument *document, int mapping, int position, QWidget *parent = nullptr);

    MappingParameterModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void setSample(const QJsonObject &sample);
    PathCompletionModel *paths() const { return m_paths; }
    ParameterMenu *parameterMenu(int row) const { return m_menus.value(row); }

private:
    void fitHeight();
    void installMenus();

    MappingDocument *m_document;
    int m_mapping;
    MappingParameterModel *m_model;
    QTableView *m_table;
    QCheckBox *m_active;
    PathCompletionModel *m_paths;
    QList<ParameterMenu *> m_menus;
};

} // namespace inlet
