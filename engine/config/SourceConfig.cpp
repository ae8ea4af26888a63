#include "config/SourceConfig.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QJsonObject SourceConfig::toJson(bool includeSecrets) const
{
    QJsonArray maps;
    for (const MappingConfig &m : mappings)
        maps.append(m.toJson());
    QJsonObject o{{u"settings"_s, settings.toJson(includeSecrets)}, {u"mappings"_s, maps}};
    if (!token.isEmpty())
        o.insert(u"token"_s, token);
    return o;
}

} // namespace inlet
