#include "models/mapping/MappingDocument.h"

#include "models/mapping/MappingCommands.h"

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
    const MappingConfig *m = this->mapping(mapping);
    if (!m || m->parameters.value(name) == value)
        return;
    m_undo.push(new SetParameterCommand(this, mapping, name, value));
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
