#include "config/Template.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

std::optional<Template> Template::fromJson(const QJsonObject &json, const QString &file, ConfigErrors &errors)
{
    const int before = int(errors.list().size());
    Template t;
    t.key = json.value(u"key"_s).toString();
    t.name = json.value(u"name"_s).toString();
    t.category = json.value(u"category"_s).toString();
    t.description = json.value(u"description"_s).toString();
    t.authentication = json.value(u"authentication"_s).toString(u"token"_s);
    t.writeKeyFormat = json.value(u"write_key_format"_s).toString();
    if (!t.writeKeyFormat.isEmpty() && t.writeKeyFormat != u"id:secret"_s)
        errors.add(file, u"write_key_format must be \"id:secret\" or absent"_s);
    if (t.key.isEmpty() || t.name.isEmpty())
        errors.add(file, u"a template needs a key and a name"_s);
    t.settings = SourceSettings::fromJson(json.value(u"settings"_s).toObject(), file + u":$.settings"_s, errors,
                                          SourceSettings());
    t.defaultMappings = json.value(u"default_mappings"_s).toArray();
    for (qsizetype i = 0; i < t.defaultMappings.size(); ++i) {
        QJsonObject m = t.defaultMappings.at(i).toObject();
        m.remove(u"label"_s);
        MappingConfig::fromJson(m, ConfigErrors::index(file + u":$.default_mappings"_s, i), errors);
    }
    t.examples = json.value(u"examples"_s).toArray();
    t.requiredFields = json.value(u"required_fields"_s).toArray();
    if (int(errors.list().size()) != before)
        return std::nullopt;
    return t;
}

QJsonObject Template::toJson() const
{
    QJsonObject o{{u"key"_s, key},
                  {u"name"_s, name},
                  {u"category"_s, category},
                  {u"description"_s, description},
                  {u"authentication"_s, authentication},
                  {u"settings"_s, settings.toJson(false)},
                  {u"default_mappings"_s, defaultMappings},
                  {u"required_fields"_s, requiredFields},
                  {u"examples"_s, examples}};
    if (!writeKeyFormat.isEmpty())
        o.insert(u"write_key_format"_s, writeKeyFormat);
    return o;
}

} // namespace inlet
