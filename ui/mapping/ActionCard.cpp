#include "ui/mapping/ActionCard.h"

#include "models/mapping/MappingDocument.h"
#include "models/mapping/MappingParameterModel.h"
#include "models/mapping/PathCompletionModel.h"
#include "ui/mapping/ParameterMenu.h"
#include "ui/mapping/PathFieldDelegate.h"

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
    , m_paths(new PathCompletionModel(this))
{
    const MappingConfig *m = document->mapping(mapping);
    auto *layout = new QVBoxLayout(this);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(u"<b>%1 \u00b7 %2</b> <span style='color:gray'>%3</span>"_s.arg(position).arg(
                                 actiontypes::label(m->actionType).toHtmlEscaped(), actiontypes::name(m->actionType)),
                             this);
    // A long action name wraps rather than widen the card past its column.
    title->setWordWrap(true);
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
    m_table->horizontalHeader()->setSectionResizeMode(MappingParameterModel::Menu, QHeaderView::Fixed);
    m_table->horizontalHeader()->resizeSection(MappingParameterModel::Menu,
                                               m_table->verticalHeader()->defaultSectionSize());
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(MappingParameterModel::Expression, new PathFieldDelegate(m_paths, m_table));
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (ParameterMenu *rowMenu = index.isValid() ? m_menus.value(index.row()) : nullptr)
            rowMenu->exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ActionCard::installMenus);
    installMenus();
    layout->addWidget(m_table);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    fitHeight();
}

void ActionCard::setSample(const QJsonObject &sample)
{
    m_model->setSample(sample);
    m_paths->setSample(sample);
}

void ActionCard::installMenus()
{
    qDeleteAll(m_menus);
    m_menus.clear();
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString name = m_model->index(r, 0).data(MappingParameterModel::NameRole).toString();
        auto *menu = new ParameterMenu(m_document, m_mapping, name, m_paths, this);
        auto *button = new QToolButton(m_table);
        button->setText(u"\u22ef"_s);
        button->setAutoRaise(true);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setToolTip(tr("Literal, template, first present of, default, clear"));
        button->setMenu(menu);
        m_table->setIndexWidget(m_model->index(r, MappingParameterModel::Menu), button);
        m_menus.append(menu);
    }
}

void ActionCard::fitHeight()
{
    int h = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int r = 0; r < m_model->rowCount(); ++r)
        h += m_table->verticalHeader()->sectionSize(r);
    m_table->setFixedHeight(h);
}

} // namespace inlet
