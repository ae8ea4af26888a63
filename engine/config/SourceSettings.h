#pragma once

#include "config/ConfigError.h"
#include "config/VerificationSettings.h"

#include <QJsonObject>

namespace inlet {

// The `settings` object of a source configuration (SPEC section 11).
struct SourceSettings
{
    QString eventTypePath = QStringLiteral("body.type");
    QString timestampPath;      // empty: none
    QString idempotencyKeyPath; // empty: idempotency off
    qint64 idempotencyWindowS = 86400;
    bool enforceVerification = false;
    VerificationSettings verification;
    QString preprocessScript; // empty: none
    // `vars` passed to the preprocess script, as plain values. In a file a
    // value may be wrapped, {"value": <json>, "secret": true}: a secret one is
    // exported only with secrets, as {"secret": true}.
    QJsonObject scriptVars;
    QStringList secretScriptVars; // names of the secret ones (sorted)
    // Secret vars the JSON named without a value: an import keeps the stored value.
    QStringList scriptVarsToKeep;
    QString writeKey;              // CDP (Segment-compatible) routes
    QString apiKey;                // reverse-ETL REST routes
    double rateLimitPerSecond = 0; // key-authenticated routes; 0 = off

    // Fields present in `json` override those of `base` (the template's).
    static SourceSettings fromJson(const QJsonObject &json, const QString &path, ConfigErrors &errors,
                                   const SourceSettings &base);
    QJsonObject toJson(bool includeSecrets) const;
};

} // namespace inlet
