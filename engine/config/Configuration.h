#pragma once

#include "config/ConfigError.h"
#include "config/SourceConfig.h"

#include <QHash>
#include <QSet>

namespace inlet {

class TemplateRegistry;

// The whole configuration (SPEC section 11): environments, workflow keys per
// environment and sources. It is what a configuration file holds, what
// `config export` prints and what the database stores.
struct Configuration
{
    static constexpr int kVersion = 1;

    QList<Environment> environments;
    QHash<QString, QStringList> workflows; // env -> workflow keys
    QList<SourceDefinition> sources;

    // Parses and validates a configuration file. `knownEnvironments` are the
    // ones that already exist (a source may name those without declaring
    // them). Omitted settings take the template's, an absent `mappings` key
    // the template's default mappings. On any error returns nullopt and
    // `errors` lists every problem with its JSON path.
    static std::optional<Configuration> parse(const QByteArray &json, const TemplateRegistry &templates,
                                              const QSet<QString> &knownEnvironments, ConfigErrors &errors);
    static std::optional<Configuration> fromJson(const QJsonObject &json, const TemplateRegistry &templates,
                                                 const QSet<QString> &knownEnvironments, ConfigErrors &errors);

    // `onlyEnv` restricts the export to one environment.
    QJsonObject toJson(bool includeSecrets, const QString &onlyEnv = {}) const;

    const SourceDefinition *source(const QString &key) const;
    const SourceConfig *config(const QString &source, const QString &env) const;
};

} // namespace inlet
