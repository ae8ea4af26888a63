#pragma once

#include <QGroupBox>

class QCheckBox;
class QTableView;

namespace inlet {

class MappingDocument;
class MappingParameterModel;

// One mapping as a card: its action, the active toggle, and one row per
// parameter (expression, resolved value, check) that accepts dropped paths.
class ActionCard final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionCard)
public:
    ActionCard(MappingDocument *document, int mapping, int position, QWidget *parent = nullptr);

    MappingParameterModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    void setSample(const QJsonObject &sample);

private:
    void fitHeight();

    MappingDocument *m_document;
    int m_mapping;
    MappingParameterModel *m_model;
    QTableView *m_table;
    QCheckBox *m_active;
};

} // namespace inlet
