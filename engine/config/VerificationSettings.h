#pragma once

#include "config/ConfigError.h"

#include <QJsonObject>
#include <QStringList>

namespace inlet {

// How a source configuration's requests are verified (SPEC section 6).
struct VerificationSettings
{
    QString scheme = QStringLiteral("none");
    QStringList secrets; // several may be active at once (rotation)
    QString header;      // for shared_header / hmac_sha256_base64; lower-case
    int toleranceS = -1; // -1: the scheme's default
    // Set when the JSON read named secrets; an import without them keeps the stored ones.
    bool secretsGiven = false;

    static const QStringList &knownSchemes();
    static int defaultTolerance(const QString &scheme); // 0 for schemes without timestamps
    static QString defaultHeader(const QString &scheme);
    int effectiveTolerance() const { return toleranceS >= 0 ? toleranceS : defaultTolerance(scheme); }
    QString effectiveHeader() const { return header.isEmpty() ? defaultHeader(scheme) : header; }

    // Fields present in `json` override those of `base`.
    static VerificationSettings fromJson(const QJsonObject &json, const QString &path, ConfigErrors &errors,
                                         const VerificationSettings &base);
    QJsonObject toJson(bool includeSecrets) const;
};

} // namespace inlet
