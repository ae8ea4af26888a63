#pragma once

#include "config/Template.h"

#include <QList>

namespace inlet {

// The built-in templates, loaded once from the compiled-in resources.
class TemplateRegistry final
{
public:
    static const TemplateRegistry &instance();

    const Template *find(const QString &key) const;
    const QList<Template> &all() const { return m_templates; }
    // Problems found while loading (a broken template file is a build bug;
    // tests assert this is empty).
    const QStringList &errors() const { return m_errors; }

private:
    TemplateRegistry();
    QList<Template> m_templates;
    QStringList m_errors;
};

} // namespace inlet
