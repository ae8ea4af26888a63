#include "models/mapping/MappingDocument.h"

#include "models/mapping/MappingCommands.h"
#include "models/mapping/ParameterForms.h"

#include <QCoreApplication>

namespace inlet {

MappingDocument::MappingDocument(QObject *parent)
    : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

void MappingDocument::load(const SourceConfig &config)
{
    m_config = config;
    m_undo.clear();
    m_undo.setClean();
    Q_EMIT mappingsReset();
}

const MappingConfig *MappingDocument::mapping(int index) const
{
    return index >= 0 && index < m_config.mappings.size() ? &m_config.mappings.at(index) : nullptr;
}

QList<int> MappingDocument::mappingsOf(const QString &eventType) const
{
    QList<int> out;
    for (int i = 0; i < m_config.mappings.size(); ++i) {
        if (m_config.mappings.at(i).eventType == eventType)
            out.append(i);
    }
    std::stable_sort(out.begin(), out.end(), [this](int a, int b) {
        return actiontypes::order(m_config.mappings.at(a).actionType) <
               actiontypes::order(m_config.mappings.at(b).actionType);
    });
    return out;
}

void MappingDocument::setParameter(int mapping, const QString &name, const QJsonValue &value)
{
    pushParameter(mapping, name, value, QString());
}

void MappingDocument::pushParameter(int mapping, const QString &name, const QJsonValue &value, const QString &text)
{
    const MappingConfig *m = this->mapping(mapping);
    const bool unset = value.isNull() || value.isUndefined();
    if (!m || m->parameters.value(name) == value || (unset && !m->parameters.contains(name)))
        return;
    auto *command = new SetParameterCommand(this, mapping, name, value);
    if (!text.isEmpty())
        command->setText(text);
    m_undo.push(command);
}

void MappingDocument::setLiteral(int mapping, const QString &name, const QJsonValue &value)
{
    pushParameter(mapping, name, ParameterForms::literal(value),
                  QCoreApplication::translate("MappingDocument", "Set %1 to a value").arg(name));
}

void MappingDocument::setTemplate(int mapping, const QString &name, const QString &text)
{
    pushParameter(mapping, name, ParameterForms::templateOf(text),
                  QCoreApplication::translate("MappingDocument", "Set %1 to a template").arg(name));
}

void MappingDocument::setCoalesce(int mapping, const QString &name, const QStringList &items)
{
    pushParameter(mapping, name, ParameterForms::coalesce(items),
                  QCoreApplication::translate("MappingDocument", "Set %1 to the first present of a list").arg(name));
}

void MappingDocument::setPathWithDefault(int mapping, const QString &name, const QString &path,
                                         const QJsonValue &fallback)
{
    pushParameter(mapping, name, ParameterForms::pathWithDefault(path, fallback),
                  QCoreApplication::translate("MappingDocument", "Set %1 to a path with a default").arg(name));
}

void MappingDocument::clearParameter(int mapping, const QString &name)
{
    pushParameter(mapping, name, QJsonValue(QJsonValue::Null),
                  QCoreApplication::translate("MappingDocument", "Clear %1").arg(name));
}

void MappingDocument::setActive(int mapping, bool active)
{
    const MappingConfig *m = this->mapping(mapping);
    if (!m || m->active == active)
        return;
    m_undo.push(new SetActiveCommand(this, mapping, active));
}

void MappingDocument::addMapping(const MappingConfig &mapping)
{
    m_undo.push(new AddMappingCommand(this, mapping));
}

void MappingDocument::removeMapping(int mapping)
{
    if (this->mapping(mapping))
        m_undo.push(new RemoveMappingCommand(this, mapping));
}

void MappingDocument::applyParameter(int mapping, const QString &name, const QJsonValue &value)
{
    MappingConfig &m = m_config.mappings[mapping];
    if (value.isNull() || value.isUndefined())
        m.parameters.remove(name);
    else
        m.parameters.insert(name, value);
    m = recompiled(m);
    Q_EMIT mappingChanged(mapping);
}

void MappingDocument::applyActive(int mapping, bool active)
{
    m_config.mappings[mapping].active = active;
    Q_EMIT mappingChanged(mapping);
}

void MappingDocument::insertMapping(int at, const MappingConfig &mapping)
{
    m_config.mappings.insert(at, recompiled(mapping));
    Q_EMIT mappingsReset();
}

void MappingDocument::takeMapping(int at)
{
    m_config.mappings.removeAt(at);
    Q_EMIT mappingsReset();
}

MappingConfig MappingDocument::recompiled(const MappingConfig &mapping)
{
    // Parsing the JSON form is the one way the engine compiles a mapping, so
    // the preview and the rehearsal see exactly what a save would.
    ConfigErrors errors;
    std::optional<MappingConfig> parsed = MappingConfig::fromJson(mapping.toJson(), QString(), errors);
    if (parsed)
        return *parsed;
    // An invalid value (e.g. a path with a syntax error) is kept as typed,
    // uncompiled; the parameter model reports it and saving refuses it.
    MappingConfig copy = mapping;
    copy.values.clear();
    for (auto it = mapping.parameters.begin(); it != mapping.parameters.end(); ++it)
        copy.values.append({it.key(), ValueSpec::parse(it.value())});
    return copy;
}

} // namespace inlet
