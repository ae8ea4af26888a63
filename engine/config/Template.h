#pragma once

#include "config/MappingConfig.h"
#include "config/SourceSettings.h"

#include <QJsonArray>
#include <QJsonObject>

namespace inlet {

// A built-in provider preset (SPEC section 7), read from a data file in
// resources/templates/.
struct Template
{
    QString key;
    QString name;
    QString category;
    QString description;
    SourceSettings settings;                          // defaults for every field a configuration leaves out
    QJsonArray defaultMappings;                       // mapping objects, as in a configuration file
    QJsonArray examples;                              // [{"name", "body", "headers"?}]
    QJsonArray requiredFields;                        // [{"field", "label", "secret"?}]
    QString authentication = QStringLiteral("token"); // token | write_key | api_key
    // "id:secret" when the provider's SDKs refuse a write key without a
    // secret part (Jitsu); empty for a plain key.
    QString writeKeyFormat;

    static std::optional<Template> fromJson(const QJsonObject &json, const QString &file, ConfigErrors &errors);
    QJsonObject toJson() const; // for `inletd templates --json`
};

} // namespace inlet
