#pragma once

#include "config/MappingConfig.h"
#include "config/SourceSettings.h"

#include <QList>

namespace inlet {

// A source in one environment: its token, settings and mappings (SPEC 1, 11).
struct SourceConfig
{
    QString source; // source key
    QString env;
    QString token; // empty when the file gave none: generated or kept on import
    SourceSettings settings;
    QList<MappingConfig> mappings;

    QJsonObject toJson(bool includeSecrets) const; // {token, settings, mappings}
};

// A named integration with a template and its per-environment configurations.
struct SourceDefinition
{
    QString key;
    QString name;
    QString templateKey;
    QList<SourceConfig> configs;
};

struct Environment
{
    QString key;
    QString name;
};

} // namespace inlet
