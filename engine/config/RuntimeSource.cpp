#include "config/RuntimeSource.h"

#include <algorithm>

namespace inlet {

RuntimeSource::RuntimeSource(SourceConfig sc, QString name, QString tpl)
    : config(std::move(sc))
    , sourceName(std::move(name))
    , templateKey(std::move(tpl))
{
    QString error;
    eventTypePath = PathExpression::compile(config.settings.eventTypePath, &error);
    if (!config.settings.timestampPath.isEmpty())
        timestampPath = PathExpression::compile(config.settings.timestampPath, &error);
    if (!config.settings.idempotencyKeyPath.isEmpty())
        idempotencyKeyPath = PathExpression::compile(config.settings.idempotencyKeyPath, &error);
    for (const MappingConfig &m : std::as_const(config.mappings))
        mappingsByType[m.eventType].append(m);
    for (auto it = mappingsByType.begin(); it != mappingsByType.end(); ++it) {
        std::stable_sort(it.value().begin(), it.value().end(), [](const MappingConfig &a, const MappingConfig &b) {
            return actiontypes::order(a.actionType) < actiontypes::order(b.actionType);
        });
    }
}

const QList<MappingConfig> &RuntimeSource::mappingsFor(const QString &eventType) const
{
    static const QList<MappingConfig> none;
    const auto it = mappingsByType.constFind(eventType);
    return it == mappingsByType.cend() ? none : it.value();
}

bool RuntimeSource::hasActiveMapping(const QString &eventType) const
{
    const QList<MappingConfig> &list = mappingsFor(eventType);
    return std::any_of(list.begin(), list.end(), [](const MappingConfig &m) { return m.active; });
}

} // namespace inlet
