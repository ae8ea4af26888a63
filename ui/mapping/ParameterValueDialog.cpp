#include "ui/mapping/ParameterValueDialog.h"

#include "mapping/ValueSpec.h"
#include "ui/mapping/PathFieldDelegate.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ParameterValueDialog::ParameterValueDialog(ParameterForms::Form form, const QString &name, const QJsonValue &configured,
                                           QAbstractItemModel *paths, QWidget *parent)
    : QDialog(parent)
    , m_form(form)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    using Form = ParameterForms::Form;
    const Form current = ParameterForms::formOf(configured);
    const QString currentPath = ParameterForms::pathOf(configured);
    auto *layout = new QVBoxLayout(this);
    auto *fields = new QFormLayout;
    layout->addLayout(fields);
    QString help;
    switch (form) {
    case Form::Template:
        setWindowTitle(tr("Template for %1").arg(name));
        m_main = new QLineEdit(this);
        m_main->setText(current == Form::Template ? ParameterForms::templateTextOf(configured)
                        : currentPath.isEmpty()   ? QString()
                                                  : u"{{"_s + currentPath + u"}}"_s);
        fields->addRow(tr("Template"), m_main);
        help = tr("Text with {{path}} placeholders, e.g. Invoice {{body.number}}");
        break;
    case Form::Coalesce:
        setWindowTitle(tr("First present value for %1").arg(name));
        m_items = new QPlainTextEdit(this);
        m_items->setPlainText(current == Form::Coalesce ? ParameterForms::coalesceItemsOf(configured).join(u'\n')
                                                        : currentPath);
        m_items->setTabChangesFocus(true);
        fields->addRow(tr("Paths"), m_items);
        help = tr("One path (or JSON value form) per line; the first that is present and not null is used");
        break;
    case Form::Default:
        setWindowTitle(tr("Path with a default for %1").arg(name));
        m_main = new QLineEdit(this);
        m_main->setText(currentPath);
        PathFieldDelegate::attachCompleter(m_main, paths);
        m_default = new QLineEdit(this);
        m_default->setText(current == Form::Default ? ParameterForms::textOf(ParameterForms::defaultOf(configured))
                                                    : QString());
        fields->addRow(tr("Path"), m_main);
        fields->addRow(tr("Default"), m_default);
        help = tr("The default (JSON, or plain text) is used when the path is missing");
        break;
    default:
        m_form = Form::Literal;
        setWindowTitle(tr("Value for %1").arg(name));
        m_main = new QLineEdit(this);
        m_main->setText(current == Form::Literal ? ParameterForms::textOf(ParameterForms::literalOf(configured))
                                                 : QString());
        fields->addRow(tr("Value"), m_main);
        help = tr("JSON (42, true, [1, 2], {\"a\": 1}) or plain text");
        break;
    }
    auto *helpLabel = new QLabel(help, this);
    helpLabel->setWordWrap(true);
    helpLabel->setEnabled(false);
    layout->addWidget(helpLabel);
    m_error->setStyleSheet(u"color: #d93f3f"_s);
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_main)
        connect(m_main, &QLineEdit::textChanged, this, &ParameterValueDialog::validate);
    if (m_default)
        connect(m_default, &QLineEdit::textChanged, this, &ParameterValueDialog::validate);
    if (m_items)
        connect(m_items, &QPlainTextEdit::textChanged, this, &ParameterValueDialog::validate);
    validate();
    resize(qMax(420, sizeHint().width()), sizeHint().height());
}

QJsonValue ParameterValueDialog::literal() const
{
    return m_main ? ParameterForms::jsonOrText(m_main->text()) : QJsonValue();
}

QString ParameterValueDialog::templateText() const
{
    return m_main ? m_main->text() : QString();
}

QStringList ParameterValueDialog::coalesceItems() const
{
    return m_items ? m_items->toPlainText().split(u'\n', Qt::SkipEmptyParts) : QStringList();
}

QString ParameterValueDialog::path() const
{
    return m_main ? m_main->text().trimmed() : QString();
}

QJsonValue ParameterValueDialog::fallback() const
{
    return m_default ? ParameterForms::jsonOrText(m_default->text()) : QJsonValue();
}

QJsonValue ParameterValueDialog::value() const
{
    switch (m_form) {
    case ParameterForms::Form::Template:
        return ParameterForms::templateOf(templateText());
    case ParameterForms::Form::Coalesce:
        return ParameterForms::coalesce(coalesceItems());
    case ParameterForms::Form::Default:
        return ParameterForms::pathWithDefault(path(), fallback());
    default:
        return ParameterForms::literal(literal());
    }
}

void ParameterValueDialog::validate()
{
    QString error;
    ValueSpec::parse(value(), &error);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

} // namespace inlet
