#include "config/VerificationSettings.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

const QStringList &VerificationSettings::knownSchemes()
{
    static const QStringList schemes = {
        u"none"_s,    u"shared_header"_s,      u"bearer"_s, u"basic"_s, u"stripe"_s, u"svix"_s, u"workos"_s,
        u"segment"_s, u"hmac_sha256_base64"_s, u"script"_s};
    return schemes;
}

int VerificationSettings::defaultTolerance(const QString &scheme)
{
    if (scheme == u"stripe"_s || scheme == u"svix"_s)
        return 300;
    if (scheme == u"workos"_s)
        return 180;
    return 0;
}

QString VerificationSettings::defaultHeader(const QString &scheme)
{
    if (scheme == u"shared_header"_s)
        return u"x-webhook-secret"_s;
    if (scheme == u"hmac_sha256_base64"_s)
        return u"x-signature"_s;
    return {};
}

VerificationSettings VerificationSettings::fromJson(const QJsonObject &json, const QString &path, ConfigErrors &errors,
                                                    const VerificationSettings &base)
{
    VerificationSettings v = base;
    v.secretsGiven = false; // set below only when `json` names secrets
    static const QStringList known = {u"scheme"_s, u"secrets"_s, u"secret"_s, u"header"_s, u"tolerance_s"_s};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            errors.add(ConfigErrors::child(path, it.key()),
                       u"unknown verification setting (known: %1)"_s.arg(known.join(u", "_s)));
    }
    if (json.contains(u"scheme"_s)) {
        const QJsonValue s = json.value(u"scheme"_s);
        if (!s.isString() || !knownSchemes().contains(s.toString()))
            errors.add(path + u".scheme"_s,
                       u"expected one of %1, got %2"_s.arg(knownSchemes().join(u", "_s),
                                                           s.isString() ? u"'%1'"_s.arg(s.toString())
                                                                        : ConfigErrors::typeName(s)));
        else
            v.scheme = s.toString();
    }
    if (json.contains(u"secret"_s)) { // convenience: one secret
        const QJsonValue s = json.value(u"secret"_s);
        if (s.isString()) {
            // "" is no secret (as `"secrets": []`): an empty entry in
            // `secrets` is refused, so exporting [""] would not import again.
            v.secrets = s.toString().isEmpty() ? QStringList() : QStringList{s.toString()};
            v.secretsGiven = true;
        } else
            errors.add(path + u".secret"_s, u"expected a string, got %1"_s.arg(ConfigErrors::typeName(s)));
    }
    if (json.contains(u"secrets"_s)) {
        const QJsonValue s = json.value(u"secrets"_s);
        if (!s.isArray()) {
            errors.add(path + u".secrets"_s, u"expected an array of strings, got %1"_s.arg(ConfigErrors::typeName(s)));
        } else {
            v.secrets.clear();
            v.secretsGiven = true;
            const QJsonArray arr = s.toArray();
            for (qsizetype i = 0; i < arr.size(); ++i) {
                if (!arr.at(i).isString() || arr.at(i).toString().isEmpty())
                    errors.add(ConfigErrors::index(path + u".secrets"_s, i),
                               u"expected a non-empty string, got %1"_s.arg(ConfigErrors::typeName(arr.at(i))));
                else
                    v.secrets.append(arr.at(i).toString());
            }
        }
    }
    if (json.contains(u"header"_s)) {
        const QJsonValue h = json.value(u"header"_s);
        if (h.isNull())
            v.header.clear();
        else if (!h.isString() || h.toString().trimmed().isEmpty())
            errors.add(path + u".header"_s, u"expected a header name, got %1"_s.arg(ConfigErrors::typeName(h)));
        else
            v.header = h.toString().trimmed().toLower();
    }
    if (json.contains(u"tolerance_s"_s)) {
        const QJsonValue t = json.value(u"tolerance_s"_s);
        if (t.isNull())
            v.toleranceS = -1;
        // toInteger() checks the range (casting 1e300 to an integer is
        // undefined behaviour); two defaults tell "not whole" apart.
        else if (const qint64 n = t.toInteger(-1);
                 !t.isDouble() || n < 0 || n != t.toInteger(-2) || n > std::numeric_limits<int>::max())
            errors.add(path + u".tolerance_s"_s,
                       u"expected a non-negative whole number of seconds, got %1"_s.arg(ConfigErrors::typeName(t)));
        else
            v.toleranceS = int(n);
    }
    if ((v.scheme == u"basic"_s)) {
        for (const QString &s : std::as_const(v.secrets)) {
            if (!s.contains(u':'))
                errors.add(path + u".secrets"_s, u"a basic scheme secret must be \"user:password\""_s);
        }
    }
    return v;
}

QJsonObject VerificationSettings::toJson(bool includeSecrets) const
{
    QJsonObject o{{u"scheme"_s, scheme}};
    if (includeSecrets)
        o.insert(u"secrets"_s, QJsonArray::fromStringList(secrets));
    if (!header.isEmpty())
        o.insert(u"header"_s, header);
    if (toleranceS >= 0)
        o.insert(u"tolerance_s"_s, toleranceS);
    return o;
}

} // namespace inlet
