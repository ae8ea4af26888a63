#include "ui/sources/ScriptVarsEditor.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

constexpr int kTextRole = Qt::UserRole;       // the value as typed (the cell may show a mask)
constexpr int kStoredRole = Qt::UserRole + 1; // a secret kept from the stored configuration

QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QJsonValue parseValue(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QString(u"["_s + text + u"]"_s).toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().at(0);
    return text;
}

} // namespace

ScriptVarsEditor::ScriptVarsEditor(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_reveal(new QPushButton(tr("Reveal"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Secret, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setMaximumHeight(84);
    m_table->setToolTip(tr("ctx.vars of the preprocess script. Values are JSON when they parse as JSON "
                           "(42, true, \"42\"), else text."));
    layout->addWidget(m_table, 1);
    auto *buttons = new QVBoxLayout;
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    m_reveal->setCheckable(true);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(m_reveal);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &ScriptVarsEditor::addVariable);
    connect(remove, &QPushButton::clicked, this, &ScriptVarsEditor::removeCurrent);
    connect(m_reveal, &QPushButton::toggled, this, &ScriptVarsEditor::setRevealed);
    connect(m_table, &QTableWidget::itemChanged, this, &ScriptVarsEditor::onItemChanged);
}

void ScriptVarsEditor::setVars(const QJsonArray &vars)
{
    if (vars == this->vars())
        return; // the edit that produced them: keep the cursor and selection
    m_updating = true;
    m_table->setRowCount(0);
    for (const QJsonValue &v : vars)
        addRow(v.toObject());
    m_updating = false;
}

QJsonArray ScriptVarsEditor::vars() const
{
    QJsonArray out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, Name) ? m_table->item(row, Name)->text().trimmed() : QString();
        if (name.isEmpty())
            continue; // not named yet
        const QTableWidgetItem *value = m_table->item(row, Value);
        QJsonObject v{{u"name"_s, name}, {u"secret"_s, m_table->item(row, Secret)->checkState() == Qt::Checked}};
        if (value->data(kStoredRole).toBool())
            v.insert(u"stored"_s, true);
        else
            v.insert(u"value"_s, parseValue(value->data(kTextRole).toString()));
        out.append(v);
    }
    return out;
}

void ScriptVarsEditor::addRow(const QJsonObject &var)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, Name, new QTableWidgetItem(var.value(u"name"_s).toString()));
    auto *value = new QTableWidgetItem;
    value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    value->setData(kStoredRole, var.value(u"stored"_s).toBool());
    value->setData(kTextRole, var.contains(u"value"_s) ? valueText(var.value(u"value"_s)) : QString());
    m_table->setItem(row, Value, value);
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    secret->setCheckState(var.value(u"secret"_s).toBool() ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, Secret, secret);
    showValue(row);
}

// What the value cell shows: the text, a mask, or "(kept)".
void ScriptVarsEditor::showValue(int row)
{
    QTableWidgetItem *value = m_table->item(row, Value);
    const bool secret = m_table->item(row, Secret)->checkState() == Qt::Checked;
    const bool masked = secret && !m_revealed;
    const bool wasUpdating = std::exchange(m_updating, true);
    if (value->data(kStoredRole).toBool())
        value->setText(tr("(kept)"));
    else
        value->setText(
            masked
                ? QString(qMax<qsizetype>(8, qMin<qsizetype>(value->data(kTextRole).toString().size(), 24)), u'\u2022')
                : value->data(kTextRole).toString());
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!masked)
        flags |= Qt::ItemIsEditable;
    value->setFlags(flags);
    value->setToolTip(masked ? tr("Secret: Reveal to see or edit it") : QString());
    m_updating = wasUpdating;
}

void ScriptVarsEditor::onItemChanged(QTableWidgetItem *item)
{
    if (m_updating)
        return;
    const int row = item->row();
    if (item->column() == Value) {
        const bool wasUpdating = std::exchange(m_updating, true);
        item->setData(kTextRole, item->text());
        item->setData(kStoredRole, false); // a value typed over a kept secret replaces it
        m_updating = wasUpdating;
    } else if (item->column() == Secret) {
        showValue(row);
    }
    Q_EMIT edited(vars());
}

void ScriptVarsEditor::addVariable()
{
    m_updating = true;
    addRow(QJsonObject{{u"name"_s, QString()}, {u"value"_s, QString()}, {u"secret"_s, false}});
    m_updating = false;
    const int row = m_table->rowCount() - 1;
    m_table->setCurrentCell(row, Name);
    m_table->editItem(m_table->item(row, Name));
}

void ScriptVarsEditor::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    Q_EMIT edited(vars());
}

void ScriptVarsEditor::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed);
    for (int row = 0; row < m_table->rowCount(); ++row)
        showValue(row);
}

} // namespace inlet
