#include "ui/mapping/MappingEditor.h"

#include "models/app/Workspace.h"
#include "models/json/JsonTreeModel.h"
#include "models/mapping/EventTypeModel.h"
#include "models/mapping/MappingDocument.h"
#include "models/mapping/RehearsalModel.h"
#include "models/mapping/SampleBrowser.h"
#include "ui/mapping/ActionCard.h"
#include "ui/widgets/ElidingItemDelegate.h"
#include "ui/widgets/JsonTreeView.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

MappingEditor::MappingEditor(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_document(new MappingDocument(this))
    , m_types(new EventTypeModel(workspace->worker(), this))
    , m_samples(new SampleBrowser(workspace->worker(), this))
    , m_sampleModel(new JsonTreeModel(this))
    , m_rehearsal(new RehearsalModel(workspace->worker(), this))
    , m_typeList(new QListView(this))
    , m_title(new QLabel(this))
    , m_cardsHost(new QWidget(this))
    , m_cardsLayout(new QVBoxLayout(m_cardsHost))
    , m_samplePosition(new QLabel(this))
    , m_sampleTree(new JsonTreeView(this))
    , m_rehearseCount(new QSpinBox(this))
    , m_rehearsalTable(new QTableView(this))
    , m_rehearsalSummary(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
{
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    // Left: event types.
    auto *left = new QWidget(split);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(new QLabel(tr("<b>Event types</b>"), left));
    m_typeList->setModel(m_types);
    m_typeList->setAlternatingRowColors(true);
    m_typeList->setMinimumWidth(160);
    // Two lines per type (name; last received, counts): both fit the width,
    // elided in the middle so the end of a long type stays visible.
    m_typeList->setItemDelegate(new ElidingItemDelegate(m_typeList));
    m_typeList->setTextElideMode(Qt::ElideMiddle);
    m_typeList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    ll->addWidget(m_typeList);
    auto *add = new QToolButton(left);
    add->setText(tr("+ Mapping"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(add);
    for (ActionType t : actiontypes::all())
        addMenu->addAction(actiontypes::label(t), this, [this, t] { addMapping(int(t)); });
    add->setMenu(addMenu);
    ll->addWidget(add);
    split->addWidget(left);

    // Middle: action cards, rehearsal, undo/redo/save.
    auto *middle = new QWidget(split);
    auto *ml = new QVBoxLayout(middle);
    ml->setContentsMargins(0, 0, 0, 0);
    ml->addWidget(m_title);
    auto *scroll = new QScrollArea(middle);
    scroll->setWidgetResizable(true);
    m_cardsLayout->addStretch();
    scroll->setWidget(m_cardsHost);
    ml->addWidget(scroll, 3);
    auto *buttons = new QHBoxLayout;
    m_rehearseCount->setRange(1, 500);
    m_rehearseCount->setValue(50);
    m_rehearseCount->setPrefix(tr("last "));
    auto *rehearse = new QPushButton(tr("Rehearse"), middle);
    rehearse->setToolTip(tr("Run the current, unsaved mappings against stored events of this type; nothing is "
                            "executed"));
    buttons->addWidget(rehearse);
    buttons->addWidget(m_rehearseCount);
    buttons->addStretch();
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("Undo"));
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("Redo"));
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(undo);
    addAction(redo);
    for (QAction *a : {undo, redo}) {
        auto *b = new QToolButton(middle);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(b);
    }
    auto *revert = new QPushButton(tr("Revert"), middle);
    buttons->addWidget(revert);
    buttons->addWidget(m_save);
    ml->addLayout(buttons);
    ml->addWidget(m_rehearsalSummary);
    m_rehearsalTable->setModel(m_rehearsal);
    m_rehearsalTable->verticalHeader()->hide();
    m_rehearsalTable->horizontalHeader()->setStretchLastSection(true);
    m_rehearsalTable->hide();
    ml->addWidget(m_rehearsalTable, 1);
    split->addWidget(middle);

    // Right: the sample.
    auto *right = new QWidget(split);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    auto *nav = new QHBoxLayout;
    nav->addWidget(new QLabel(tr("<b>Sample</b>"), right));
    nav->addStretch();
    auto *newer = new QToolButton(right);
    newer->setArrowType(Qt::LeftArrow);
    newer->setToolTip(tr("Newer sample"));
    auto *older = new QToolButton(right);
    older->setArrowType(Qt::RightArrow);
    older->setToolTip(tr("Older sample"));
    auto *refresh = new QToolButton(right);
    refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    refresh->setToolTip(tr("Load the newest samples"));
    nav->addWidget(newer);
    nav->addWidget(m_samplePosition);
    nav->addWidget(older);
    nav->addWidget(refresh);
    rl->addLayout(nav);
    m_sampleTree->setModel(m_sampleModel);
    m_sampleTree->setToolTip(tr("Drag a field onto a parameter to map it"));
    rl->addWidget(m_sampleTree);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    // About what the page has at 1280x800 (larger sums are scaled down): the
    // type list's second line ("7 s ago · 4 events · 1 mapping") fits.
    split->setSizes({215, 395, 300});

    connect(newer, &QToolButton::clicked, m_samples, &SampleBrowser::previous);
    connect(older, &QToolButton::clicked, m_samples, &SampleBrowser::next);
    connect(refresh, &QToolButton::clicked, m_samples, &SampleBrowser::refresh);
    connect(m_samples, &SampleBrowser::sampleChanged, this, &MappingEditor::updateSample);
    connect(m_typeList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &i) { selectEventType(i.data(EventTypeModel::TypeRole).toString()); });
    connect(m_types, &EventTypeModel::loaded, this, [this] {
        int row = m_type.isEmpty() ? -1 : m_types->rowOf(m_type);
        for (int r = 0; row < 0 && r < m_types->rowCount(); ++r) {
            const QModelIndex i = m_types->index(r);
            if (i.data(EventTypeModel::SeenRole).toBool() && i.data(EventTypeModel::MappingCountRole).toInt() > 0)
                row = r; // the most telling first view: traffic and mappings
        }
        row = qMax(0, row);
        if (m_types->rowCount() > 0)
            m_typeList->setCurrentIndex(m_types->index(row));
    });
    connect(m_document, &MappingDocument::mappingsReset, this, &MappingEditor::rebuildCards);
    connect(m_document, &MappingDocument::modifiedChanged, this, &MappingEditor::updateHeader);
    connect(m_document, &MappingDocument::mappingsReset, this, [this] {
        QHash<QString, int> configured;
        for (const MappingConfig &m : m_document->mappings())
            configured[m.eventType] += 1;
        m_types->setConfigured(configured);
        const int row = m_types->rowOf(m_type);
        if (row >= 0)
            m_typeList->setCurrentIndex(m_types->index(row));
    });
    connect(rehearse, &QPushButton::clicked, this, &MappingEditor::rehearse);
    connect(m_rehearsal, &RehearsalModel::finished, this, [this] {
        m_rehearsalTable->show();
        m_rehearsalSummary->setText(tr("Rehearsal: %n event(s)", nullptr, m_rehearsal->eventCount()) + u", "_s +
                                    tr("%n problem(s); nothing was executed", nullptr, m_rehearsal->failureCount()));
    });
    connect(revert, &QPushButton::clicked, this, &MappingEditor::reloadDocument);
    connect(m_save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!save(&error))
            m_title->setText(m_title->text() + u"<br><span style='color:#d93f3f'>"_s + error.toHtmlEscaped() +
                             u"</span>"_s);
    });
    connect(workspace, &Workspace::environmentChanged, this, &MappingEditor::reloadDocument);
    updateHeader();
}

void MappingEditor::setSource(const QString &key)
{
    m_source = key;
    m_type.clear();
    reloadDocument();
}

void MappingEditor::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadTypes(); // traffic may have arrived since
}

void MappingEditor::reloadTypes()
{
    QHash<QString, int> configured;
    for (const MappingConfig &m : m_document->mappings())
        configured[m.eventType] += 1;
    m_types->load(m_source, m_workspace->environment(), configured);
}

void MappingEditor::reloadDocument()
{
    const SourceConfig *sc = m_workspace->sourceConfig(m_source);
    SourceConfig config = sc ? *sc : SourceConfig{m_source, m_workspace->environment(), QString(), {}, {}};
    m_document->load(config);
    reloadTypes();
    m_rehearsalTable->hide();
    m_rehearsalSummary->clear();
    updateHeader();
}

void MappingEditor::selectEventType(const QString &type)
{
    if (type == m_type && !m_cards.isEmpty())
        return;
    m_type = type;
    rebuildCards();
    m_samples->load(m_source, m_workspace->environment(), type);
    m_rehearsalTable->hide();
    m_rehearsalSummary->clear();
}

void MappingEditor::rebuildCards()
{
    qDeleteAll(m_cards);
    m_cards.clear();
    const QList<int> indexes = m_document->mappingsOf(m_type);
    int position = 1;
    for (int index : indexes) {
        auto *card = new ActionCard(m_document, index, position++, m_cardsHost);
        card->setSample(m_samples->document());
        m_cardsLayout->insertWidget(m_cardsLayout->count() - 1, card);
        m_cards.append(card);
    }
    updateHeader();
}

void MappingEditor::updateSample()
{
    const QJsonObject doc = m_samples->document();
    m_sampleModel->setDocument(doc);
    m_sampleTree->expandToDepth(0);
    const QModelIndex body = m_sampleModel->indexOfPath(u"body"_s);
    if (body.isValid())
        m_sampleTree->expandRecursively(body, 3);
    m_samplePosition->setText(
        m_samples->count() == 0 ? tr("no sample") : tr("%1/%2").arg(m_samples->position() + 1).arg(m_samples->count()));
    for (ActionCard *card : std::as_const(m_cards))
        card->setSample(doc);
}

void MappingEditor::updateHeader()
{
    QString text = m_type.isEmpty() ? tr("<b>No event type selected</b>")
                                    : tr("When receiving <b>%1</b>").arg(m_type.toHtmlEscaped());
    if (!m_type.isEmpty() && m_cards.isEmpty())
        text += u" \u2014 "_s + tr("no mapping yet: add one with \u201c+ Mapping\u201d");
    if (m_document->isModified())
        text += u"  <span style='color:#c07a00'>"_s + tr("\u25cf unsaved changes") + u"</span>"_s;
    m_title->setText(text);
    m_save->setEnabled(m_document->isModified());
}

void MappingEditor::addMapping(int actionType)
{
    if (m_type.isEmpty())
        return;
    MappingConfig m;
    m.eventType = m_type;
    m.actionType = ActionType(actionType);
    m.active = true;
    m_document->addMapping(m);
}

bool MappingEditor::save(QString *error)
{
    const SourceDefinition *def = m_workspace->configuration().source(m_source);
    if (!def) {
        if (error)
            *error = tr("unknown source %1").arg(m_source);
        return false;
    }
    // Validate exactly as an import would, so nothing invalid reaches the engine.
    ConfigErrors errors;
    for (const MappingConfig &m : m_document->mappings())
        MappingConfig::fromJson(m.toJson(), u"mappings"_s, errors);
    if (!errors.isEmpty()) {
        if (error)
            *error = errors.joined();
        return false;
    }
    Configuration config;
    config.sources.append(SourceDefinition{def->key, def->name, def->templateKey, {m_document->config()}});
    const QString type = m_type;
    if (!m_workspace->apply(config, error))
        return false;
    m_document->markSaved();
    m_type = type;
    updateHeader();
    return true;
}

void MappingEditor::rehearse()
{
    m_rehearsalSummary->setText(tr("Rehearsing..."));
    m_rehearsal->rehearse(m_workspace->configuration(), m_document->config(), m_type, m_rehearseCount->value());
}

} // namespace inlet
