#include "ui/mapping/ParameterMenu.h"

#include "models/mapping/MappingDocument.h"
#include "ui/mapping/ParameterValueDialog.h"

namespace inlet {

ParameterMenu::ParameterMenu(MappingDocument *document, int mapping, QString name, QAbstractItemModel *paths,
                             QWidget *parent)
    : QMenu(parent)
    , m_document(document)
    , m_mapping(mapping)
    , m_name(std::move(name))
    , m_paths(paths)
{
    using Form = ParameterForms::Form;
    const auto add = [this](Form form, const QString &text, const QString &tip) {
        QAction *a = addAction(text, this, [this, form] { ask(form); });
        a->setToolTip(tip);
        m_actions.insert(int(form), a);
    };
    add(Form::Literal, tr("Literal value..."), tr("A fixed value: text, a number, true/false, JSON"));
    add(Form::Template, tr("Template..."), tr("Text with {{path}} placeholders"));
    add(Form::Coalesce, tr("First present of..."), tr("A list of paths; the first present, non-null one is used"));
    add(Form::Default, tr("Path with default..."), tr("A path, and the value to use when it is missing"));
    addSeparator();
    QAction *clear = addAction(tr("Clear"), this, [this] {
        if (m_document)
            m_document->clearParameter(m_mapping, m_name);
    });
    m_actions.insert(int(Form::Empty), clear);
    setToolTipsVisible(true);
    connect(this, &QMenu::aboutToShow, this, [this] {
        const MappingConfig *m = m_document ? m_document->mapping(m_mapping) : nullptr;
        m_actions.value(int(Form::Empty))->setEnabled(m && m->parameters.contains(m_name));
    });
}

QAction *ParameterMenu::action(ParameterForms::Form form) const
{
    return m_actions.value(int(form));
}

void ParameterMenu::ask(ParameterForms::Form form)
{
    const MappingConfig *m = m_document ? m_document->mapping(m_mapping) : nullptr;
    if (!m)
        return;
    ParameterValueDialog dialog(form, m_name, m->parameters.value(m_name), m_paths, parentWidget());
    if (dialog.exec() == QDialog::Accepted)
        apply(dialog);
}

void ParameterMenu::apply(const ParameterValueDialog &dialog)
{
    if (!m_document)
        return;
    switch (dialog.form()) {
    case ParameterForms::Form::Template:
        m_document->setTemplate(m_mapping, m_name, dialog.templateText());
        break;
    case ParameterForms::Form::Coalesce:
        m_document->setCoalesce(m_mapping, m_name, dialog.coalesceItems());
        break;
    case ParameterForms::Form::Default:
        m_document->setPathWithDefault(m_mapping, m_name, dialog.path(), dialog.fallback());
        break;
    default:
        m_document->setLiteral(m_mapping, m_name, dialog.literal());
        break;
    }
}

} // namespace inlet
