#include "config/MappingConfig.h"

#include "mapping/ValueSpecKeys.h"
#include "util/JsonWriter.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool MappingConfig::isLiteralParameter(ActionType type, const QString &parameter)
{
    if (parameter != u"key"_s)
        return false;
    switch (type) {
    case ActionType::WorkflowsTrigger:
    case ActionType::WorkflowsCancel:
    case ActionType::AudiencesAddMember:
    case ActionType::AudiencesRemoveMember:
        return true;
    default:
        return false;
    }
}

std::optional<MappingConfig> MappingConfig::fromJson(const QJsonValue &json, const QString &path, ConfigErrors &errors)
{
    if (!json.isObject()) {
        errors.add(path, u"expected a mapping object, got %1"_s.arg(ConfigErrors::typeName(json)));
        return std::nullopt;
    }
    const QJsonObject o = json.toObject();
    const int before = int(errors.list().size());
    MappingConfig m;
    static const QStringList known = {u"event_type"_s, u"action_type"_s, u"action_parameters"_s, u"active"_s,
                                      u"when"_s};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            errors.add(ConfigErrors::child(path, it.key()),
                       u"unknown mapping field (known: %1)"_s.arg(known.join(u", "_s)));
    }
    const QJsonValue et = o.value(u"event_type"_s);
    if (!et.isString() || et.toString().isEmpty())
        errors.add(path + u".event_type"_s, u"expected a non-empty string, got %1"_s.arg(ConfigErrors::typeName(et)));
    m.eventType = et.toString();

    const QJsonValue at = o.value(u"action_type"_s);
    const auto type = actiontypes::fromName(at.toString());
    if (!type) {
        QStringList names;
        for (ActionType t : actiontypes::all())
            names.append(actiontypes::name(t));
        errors.add(path + u".action_type"_s,
                   u"expected one of %1, got %2"_s.arg(
                       names.join(u", "_s), at.isString() ? u"'%1'"_s.arg(at.toString()) : ConfigErrors::typeName(at)));
        return std::nullopt;
    }
    m.actionType = *type;

    if (o.contains(u"active"_s)) {
        if (!o.value(u"active"_s).isBool())
            errors.add(path + u".active"_s,
                       u"expected true or false, got %1"_s.arg(ConfigErrors::typeName(o.value(u"active"_s))));
        m.active = o.value(u"active"_s).toBool(true);
    }

    const QJsonValue params = o.value(u"action_parameters"_s);
    if (!params.isUndefined() && !params.isObject()) {
        errors.add(path + u".action_parameters"_s, u"expected an object, got %1"_s.arg(ConfigErrors::typeName(params)));
        return std::nullopt;
    }
    m.parameters = params.toObject();
    const QList<ActionParameterSpec> &specs = actiontypes::parameters(m.actionType);
    QStringList specNames;
    for (const ActionParameterSpec &s : specs)
        specNames.append(s.name);
    for (auto it = m.parameters.begin(); it != m.parameters.end(); ++it) {
        const QString ppath = ConfigErrors::child(path + u".action_parameters"_s, it.key());
        if (!specNames.contains(it.key())) {
            errors.add(ppath, u"'%1' has no parameter '%2' (parameters: %3)"_s.arg(actiontypes::name(m.actionType),
                                                                                   it.key(), specNames.join(u", "_s)));
            continue;
        }
        QJsonValue spec = it.value();
        if (isLiteralParameter(m.actionType, it.key()) && spec.isString())
            spec = QJsonObject{{valuespec::valueKey, spec}};
        QString error;
        ValueSpec v = ValueSpec::parse(spec, &error);
        if (!error.isEmpty()) {
            errors.add(ppath, error);
            continue;
        }
        m.values.append({it.key(), std::move(v)});
    }
    if (m.active) {
        for (const ActionParameterSpec &s : specs) {
            if (s.required && !m.parameters.contains(s.name))
                errors.add(path + u".action_parameters"_s,
                           u"required parameter '%1' of %2 is not set (set it, or make the mapping inactive)"_s.arg(
                               s.name, actiontypes::name(m.actionType)));
        }
    }
    if (o.contains(u"when"_s) && !o.value(u"when"_s).isNull()) {
        m.when = o.value(u"when"_s);
        QString error;
        Condition c = Condition::parse(m.when, &error);
        if (!error.isEmpty())
            errors.add(path + u".when"_s, error);
        else
            m.condition = std::move(c);
    }
    if (int(errors.list().size()) != before)
        return std::nullopt;
    m.parametersJson = JsonWriter::write(m.parameters);
    return m;
}

QJsonObject MappingConfig::toJson() const
{
    QJsonObject o{{u"event_type"_s, eventType},
                  {u"action_type"_s, actiontypes::name(actionType)},
                  {u"active"_s, active},
                  {u"action_parameters"_s, parameters}};
    if (!when.isUndefined() && !when.isNull())
        o.insert(u"when"_s, when);
    return o;
}

} // namespace inlet
