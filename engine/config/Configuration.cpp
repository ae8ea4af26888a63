#include "config/Configuration.h"

#include "config/TemplateRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QRegularExpression &slugPattern()
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9_-]{0,63}$"_s);
    return re;
}

bool checkKeys(const QJsonObject &o, const QStringList &known, const QString &path, const QString &what,
               ConfigErrors &errors)
{
    bool ok = true;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            errors.add(ConfigErrors::child(path, it.key()),
                       u"unknown %1 field (known: %2)"_s.arg(what, known.join(u", "_s)));
            ok = false;
        }
    }
    return ok;
}

void parseEnvironments(const QJsonValue &v, Configuration &c, ConfigErrors &errors)
{
    if (v.isUndefined())
        return;
    if (!v.isArray()) {
        errors.add(u"$.environments"_s, u"expected an array, got %1"_s.arg(ConfigErrors::typeName(v)));
        return;
    }
    const QJsonArray arr = v.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString path = ConfigErrors::index(u"$.environments"_s, i);
        const QJsonObject e = arr.at(i).toObject();
        checkKeys(e, {u"key"_s, u"name"_s}, path, u"environment"_s, errors);
        const QString key = e.value(u"key"_s).toString();
        if (!slugPattern().match(key).hasMatch()) {
            errors.add(path + u".key"_s, u"expected a key of lower-case letters, digits, '-' and '_'"_s);
            continue;
        }
        for (const Environment &existing : std::as_const(c.environments)) {
            if (existing.key == key)
                errors.add(path + u".key"_s, u"environment '%1' is declared twice"_s.arg(key));
        }
        c.environments.append({key, e.value(u"name"_s).toString(key)});
    }
}

void parseWorkflows(const QJsonValue &v, Configuration &c, const QSet<QString> &envs, ConfigErrors &errors)
{
    if (v.isUndefined())
        return;
    if (!v.isObject()) {
        errors.add(u"$.workflows"_s,
                   u"expected an object of environment -> workflow keys, got %1"_s.arg(ConfigErrors::typeName(v)));
        return;
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = ConfigErrors::child(u"$.workflows"_s, it.key());
        if (!envs.contains(it.key()))
            errors.add(path, u"unknown environment '%1'"_s.arg(it.key()));
        if (!it.value().isArray()) {
            errors.add(path, u"expected an array of workflow keys, got %1"_s.arg(ConfigErrors::typeName(it.value())));
            continue;
        }
        QStringList keys;
        const QJsonArray arr = it.value().toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            if (!arr.at(i).isString() || arr.at(i).toString().isEmpty())
                errors.add(ConfigErrors::index(path, i), u"expected a workflow key string"_s);
            else if (!keys.contains(arr.at(i).toString()))
                keys.append(arr.at(i).toString());
        }
        c.workflows.insert(it.key(), keys);
    }
}

std::optional<SourceConfig> parseSourceConfig(const QJsonValue &v, const QString &path, const QString &source,
                                              const QString &env, const Template *tpl, ConfigErrors &errors)
{
    if (!v.isObject()) {
        errors.add(path,
                   u"expected an object with token, settings and mappings, got %1"_s.arg(ConfigErrors::typeName(v)));
        return std::nullopt;
    }
    const QJsonObject o = v.toObject();
    checkKeys(o, {u"token"_s, u"settings"_s, u"mappings"_s}, path, u"source configuration"_s, errors);
    SourceConfig sc;
    sc.source = source;
    sc.env = env;
    const QJsonValue token = o.value(u"token"_s);
    if (!token.isUndefined() && !token.isNull()) {
        static const QRegularExpression tokenRe(u"^[A-Za-z0-9_-]{8,128}$"_s);
        if (!token.isString() || !tokenRe.match(token.toString()).hasMatch())
            errors.add(path + u".token"_s, u"expected 8 to 128 URL-safe characters (A-Z a-z 0-9 _ -)"_s);
        else
            sc.token = token.toString();
    }
    const QJsonValue settings = o.value(u"settings"_s);
    if (!settings.isUndefined() && !settings.isObject())
        errors.add(path + u".settings"_s, u"expected an object, got %1"_s.arg(ConfigErrors::typeName(settings)));
    sc.settings = SourceSettings::fromJson(settings.toObject(), path + u".settings"_s, errors,
                                           tpl ? tpl->settings : SourceSettings());
    // No `mappings` key: the template's defaults; an explicit [] means none.
    QJsonArray mappings;
    if (o.contains(u"mappings"_s)) {
        if (!o.value(u"mappings"_s).isArray())
            errors.add(path + u".mappings"_s,
                       u"expected an array, got %1"_s.arg(ConfigErrors::typeName(o.value(u"mappings"_s))));
        mappings = o.value(u"mappings"_s).toArray();
    } else if (tpl) {
        for (const QJsonValue &m : tpl->defaultMappings) {
            QJsonObject mo = m.toObject();
            mo.remove(u"label"_s);
            mappings.append(mo);
        }
    }
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        auto m = MappingConfig::fromJson(mappings.at(i), ConfigErrors::index(path + u".mappings"_s, i), errors);
        if (m)
            sc.mappings.append(std::move(*m));
    }
    return sc;
}

} // namespace

std::optional<Configuration> Configuration::parse(const QByteArray &json, const TemplateRegistry &templates,
                                                  const QSet<QString> &knownEnvironments, ConfigErrors &errors)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        errors.add(u"$"_s, u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        errors.add(u"$"_s, u"expected a JSON object"_s);
        return std::nullopt;
    }
    return fromJson(doc.object(), templates, knownEnvironments, errors);
}

std::optional<Configuration> Configuration::fromJson(const QJsonObject &root, const TemplateRegistry &templates,
                                                     const QSet<QString> &knownEnvironments, ConfigErrors &errors)
{
    Configuration c;
    checkKeys(root, {u"version"_s, u"environments"_s, u"workflows"_s, u"sources"_s}, u"$"_s, u"top-level"_s, errors);
    const QJsonValue version = root.value(u"version"_s);
    if (version.isUndefined())
        errors.add(u"$.version"_s, u"missing; this program reads version %1"_s.arg(kVersion));
    else if (!version.isDouble())
        errors.add(u"$.version"_s,
                   u"expected the number %1, got %2"_s.arg(kVersion).arg(ConfigErrors::typeName(version)));
    else if (version.toInt(-1) != kVersion)
        errors.add(u"$.version"_s,
                   u"unsupported version %1; this program reads version %2"_s.arg(version.toVariant().toString())
                       .arg(kVersion));

    parseEnvironments(root.value(u"environments"_s), c, errors);
    QSet<QString> envs = knownEnvironments;
    for (const Environment &e : std::as_const(c.environments))
        envs.insert(e.key);
    parseWorkflows(root.value(u"workflows"_s), c, envs, errors);

    const QJsonValue sources = root.value(u"sources"_s);
    if (!sources.isUndefined() && !sources.isArray())
        errors.add(u"$.sources"_s, u"expected an array, got %1"_s.arg(ConfigErrors::typeName(sources)));
    const QJsonArray arr = sources.toArray();
    QSet<QString> seen;
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QString path = ConfigErrors::index(u"$.sources"_s, i);
        if (!arr.at(i).isObject()) {
            errors.add(path, u"expected a source object, got %1"_s.arg(ConfigErrors::typeName(arr.at(i))));
            continue;
        }
        const QJsonObject s = arr.at(i).toObject();
        checkKeys(s, {u"key"_s, u"name"_s, u"template"_s, u"environments"_s}, path, u"source"_s, errors);
        SourceDefinition def;
        def.key = s.value(u"key"_s).toString();
        if (!slugPattern().match(def.key).hasMatch()) {
            errors.add(path + u".key"_s, u"expected a key of lower-case letters, digits, '-' and '_' (got %1)"_s.arg(
                                             s.value(u"key"_s).isString() ? u"'%1'"_s.arg(def.key)
                                                                          : ConfigErrors::typeName(s.value(u"key"_s))));
            continue;
        }
        if (seen.contains(def.key))
            errors.add(path + u".key"_s, u"source '%1' is declared twice"_s.arg(def.key));
        seen.insert(def.key);
        def.name = s.value(u"name"_s).toString(def.key);
        if (s.contains(u"template"_s) && !s.value(u"template"_s).isString()) {
            errors.add(path + u".template"_s, u"expected a template key such as \"custom\", got %1"_s.arg(
                                                  ConfigErrors::typeName(s.value(u"template"_s))));
            continue;
        }
        def.templateKey = s.value(u"template"_s).toString(u"custom"_s);
        const Template *tpl = templates.find(def.templateKey);
        if (!tpl) {
            QStringList keys;
            for (const Template &t : templates.all())
                keys.append(t.key);
            errors.add(path + u".template"_s,
                       u"unknown template '%1' (templates: %2)"_s.arg(def.templateKey, keys.join(u", "_s)));
            continue;
        }
        const QJsonValue envValue = s.value(u"environments"_s);
        if (!envValue.isUndefined() && !envValue.isObject())
            errors.add(path + u".environments"_s, u"expected an object of environment -> configuration, got %1"_s.arg(
                                                      ConfigErrors::typeName(envValue)));
        const QJsonObject envObj = envValue.toObject();
        for (auto it = envObj.begin(); it != envObj.end(); ++it) {
            const QString cpath = ConfigErrors::child(path + u".environments"_s, it.key());
            if (!envs.contains(it.key())) {
                errors.add(cpath, u"unknown environment '%1' (declare it in $.environments)"_s.arg(it.key()));
                continue;
            }
            auto sc = parseSourceConfig(it.value(), cpath, def.key, it.key(), tpl, errors);
            if (sc)
                def.configs.append(std::move(*sc));
        }
        c.sources.append(std::move(def));
    }
    // Tokens and keys must be unique across all configurations.
    QHash<QString, QString> tokens;
    for (const SourceDefinition &d : std::as_const(c.sources)) {
        for (const SourceConfig &sc : d.configs) {
            for (const QString &t : {sc.token, sc.settings.writeKey, sc.settings.apiKey}) {
                if (t.isEmpty())
                    continue;
                const QString where = d.key + u'/' + sc.env;
                if (tokens.contains(t) && tokens.value(t) != where)
                    errors.add(u"$.sources"_s, u"%1 and %2 use the same token or key; each must be unique"_s.arg(
                                                   tokens.value(t), where));
                tokens.insert(t, where);
            }
        }
    }
    if (!errors.isEmpty())
        return std::nullopt;
    return c;
}

QJsonObject Configuration::toJson(bool includeSecrets, const QString &onlyEnv) const
{
    QJsonArray envs;
    for (const Environment &e : environments) {
        if (onlyEnv.isEmpty() || e.key == onlyEnv)
            envs.append(QJsonObject{{u"key"_s, e.key}, {u"name"_s, e.name}});
    }
    QJsonObject wf;
    for (const Environment &e : environments) {
        if ((onlyEnv.isEmpty() || e.key == onlyEnv) && workflows.contains(e.key))
            wf.insert(e.key, QJsonArray::fromStringList(workflows.value(e.key)));
    }
    QJsonArray srcs;
    for (const SourceDefinition &d : sources) {
        QJsonObject perEnv;
        for (const SourceConfig &sc : d.configs) {
            if (onlyEnv.isEmpty() || sc.env == onlyEnv)
                perEnv.insert(sc.env, sc.toJson(includeSecrets));
        }
        srcs.append(QJsonObject{
            {u"key"_s, d.key}, {u"name"_s, d.name}, {u"template"_s, d.templateKey}, {u"environments"_s, perEnv}});
    }
    return {{u"version"_s, kVersion}, {u"environments"_s, envs}, {u"workflows"_s, wf}, {u"sources"_s, srcs}};
}

const SourceDefinition *Configuration::source(const QString &key) const
{
    for (const SourceDefinition &d : sources) {
        if (d.key == key)
            return &d;
    }
    return nullptr;
}

const SourceConfig *Configuration::config(const QString &source, const QString &env) const
{
    const SourceDefinition *d = this->source(source);
    if (!d)
        return nullptr;
    for (const SourceConfig &sc : d->configs) {
        if (sc.env == env)
            return &sc;
    }
    return nullptr;
}

} // namespace inlet
