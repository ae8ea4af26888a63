#include "ui/mapping/ActionCard.h"

#include "models/mapping/MappingDocument.h"
#include "models/mapping/MappingParameterModel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionCard::ActionCard(MappingDocument *document, int mapping, int position, QWidget *parent)
    : QGroupBox(parent)
    , m_document(document)
    , m_mapping(mapping)
    , m_model(new MappingParameterModel(document, mapping, this))
    , m_table(new QTableView(this))
    , m_active(new QCheckBox(tr("Active"), this))
{
    const MappingConfig *m = document->mapping(mapping);
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(u"<b>%1 \u00b7 %2</b> <span style='color:gray'>%3</span>"_s.arg(position).arg(
                                 actiontypes::label(m->actionType).toHtmlEscaped(), actiontypes::name(m->actionType)),
                             this);
    header->addWidget(title, 1);
    header->addWidget(m_active);
    auto *more = new QToolButton(this);
    more->setText(u"\u22ef"_s);
    more->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(more);
    menu->addAction(tr("Remove mapping"), this, [this] { m_document->removeMapping(m_mapping); });
    more->setMenu(menu);
    header->addWidget(more);
    layout->addLayout(header);

    m_active->setChecked(m->active);
    connect(m_active, &QCheckBox::toggled, this, [this](bool on) { m_document->setActive(m_mapping, on); });
    connect(document, &MappingDocument::mappingChanged, this, [this](int changed) {
        if (changed != m_mapping)
            return;
        const QSignalBlocker block(m_active);
        m_active->setChecked(m_document->mapping(m_mapping)->active);
    });

    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    // Paths are dropped onto a row; the model pushes the undo command.
    m_table->setAcceptDrops(true);
    m_table->setDragDropMode(QAbstractItemView::DropOnly);
    m_table->setDragDropOverwriteMode(true);
    m_table->setDropIndicatorShown(true);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->horizontalHeader()->setSectionResizeMode(MappingParameterModel::Parameter, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MappingParameterModel::Expression, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(MappingParameterModel::Resolved, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(MappingParameterModel::Check, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    layout->addWidget(m_table);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    fitHeight();
}

void ActionCard::setSample(const QJsonObject &sample)
{
    m_model->setSample(sample);
}

void ActionCard::fitHeight()
{
    int h = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int r = 0; r < m_model->rowCount(); ++r)
        h += m_table->verticalHeader()->sectionSize(r);
    m_table->setFixedHeight(h);
}

} // namespace inlet
