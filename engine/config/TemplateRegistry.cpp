#include "config/TemplateRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

static void initInletResources()
{
    Q_INIT_RESOURCE(inlet_templates);
}

namespace inlet {

const TemplateRegistry &TemplateRegistry::instance()
{
    static const TemplateRegistry registry;
    return registry;
}

TemplateRegistry::TemplateRegistry()
{
    initInletResources();
    const QDir dir(u":/inlet/templates"_s);
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            m_errors.append(u"%1: cannot read"_s.arg(name));
            continue;
        }
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
        if (!doc.isObject()) {
            m_errors.append(u"%1: %2 at offset %3"_s.arg(name, pe.errorString()).arg(pe.offset));
            continue;
        }
        ConfigErrors errors;
        auto t = Template::fromJson(doc.object(), name, errors);
        if (t)
            m_templates.append(std::move(*t));
        m_errors.append(errors.list());
    }
    // `custom` last, providers alphabetically, as the gallery shows them.
    std::stable_sort(m_templates.begin(), m_templates.end(), [](const Template &a, const Template &b) {
        return (a.key == u"custom"_s) < (b.key == u"custom"_s);
    });
}

const Template *TemplateRegistry::find(const QString &key) const
{
    for (const Template &t : m_templates) {
        if (t.key == key)
            return &t;
    }
    return nullptr;
}

} // namespace inlet
