#include "config/SourceSettings.h"

#include "mapping/PathExpression.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// Reads an optional path setting: null or "" clear it; anything else must compile.
void readPath(const QJsonObject &json, const QString &key, const QString &path, ConfigErrors &errors, QString &out,
              bool allowEmpty)
{
    if (!json.contains(key))
        return;
    const QJsonValue v = json.value(key);
    const QString p = ConfigErrors::child(path, key);
    if (v.isNull() || (v.isString() && v.toString().isEmpty())) {
        if (allowEmpty)
            out.clear();
        else
            errors.add(p, u"expected a path such as body.type, got %1"_s.arg(ConfigErrors::typeName(v)));
        return;
    }
    if (!v.isString()) {
        errors.add(p, u"expected a path string, got %1"_s.arg(ConfigErrors::typeName(v)));
        return;
    }
    QString error;
    if (!PathExpression::compile(v.toString(), &error).isValid()) {
        errors.add(p, u"invalid path '%1': %2"_s.arg(v.toString(), error));
        return;
    }
    out = v.toString();
}

void readString(const QJsonObject &json, const QString &key, const QString &path, ConfigErrors &errors, QString &out)
{
    if (!json.contains(key))
        return;
    const QJsonValue v = json.value(key);
    if (v.isNull())
        out.clear();
    else if (v.isString())
        out = v.toString();
    else
        errors.add(ConfigErrors::child(path, key), u"expected a string, got %1"_s.arg(ConfigErrors::typeName(v)));
}

// {"value": <json>, "secret": <bool>} (value optional): a script variable
// with its secrecy. Any other value is a plain variable.
bool isWrappedVar(const QJsonValue &v)
{
    if (!v.isObject() || !v.toObject().value(u"secret"_s).isBool())
        return false;
    const QStringList keys = v.toObject().keys();
    return std::all_of(keys.cbegin(), keys.cend(),
                       [](const QString &k) { return k == u"value"_s || k == u"secret"_s; });
}

void readScriptVars(const QJsonObject &json, const QString &path, ConfigErrors &errors, SourceSettings &s)
{
    s.scriptVars = {};
    s.secretScriptVars = {};
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonValue v = it.value();
        if (!isWrappedVar(v)) {
            s.scriptVars.insert(it.key(), v);
            continue;
        }
        const QJsonObject w = v.toObject();
        const bool secret = w.value(u"secret"_s).toBool();
        if (secret)
            s.secretScriptVars.append(it.key());
        if (w.contains(u"value"_s))
            s.scriptVars.insert(it.key(), w.value(u"value"_s));
        else if (secret)
            s.scriptVarsToKeep.append(it.key()); // exported without secrets: keep the stored value
        else
            errors.add(ConfigErrors::child(path, it.key()), u"a variable that is not secret needs its \"value\""_s);
    }
}

} // namespace

SourceSettings SourceSettings::fromJson(const QJsonObject &json, const QString &path, ConfigErrors &errors,
                                        const SourceSettings &base)
{
    SourceSettings s = base;
    // Only secrets named in `json` count as given: a template's (empty) list
    // must not wipe the stored secrets on import.
    s.verification.secretsGiven = false;
    static const QStringList known = {u"event_type_path"_s,
                                      u"timestamp_path"_s,
                                      u"idempotency_key_path"_s,
                                      u"idempotency_window_s"_s,
                                      u"enforce_verification"_s,
                                      u"verification"_s,
                                      u"preprocess_script"_s,
                                      u"script_vars"_s,
                                      u"write_key"_s,
                                      u"api_key"_s,
                                      u"rate_limit_per_second"_s};
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            errors.add(ConfigErrors::child(path, it.key()), u"unknown setting (known: %1)"_s.arg(known.join(u", "_s)));
    }
    readPath(json, u"event_type_path"_s, path, errors, s.eventTypePath, false);
    readPath(json, u"timestamp_path"_s, path, errors, s.timestampPath, true);
    readPath(json, u"idempotency_key_path"_s, path, errors, s.idempotencyKeyPath, true);
    if (json.contains(u"idempotency_window_s"_s)) {
        const QJsonValue v = json.value(u"idempotency_window_s"_s);
        // toInteger() checks the range: a huge number is an error, not a wrapped cast.
        const qint64 seconds = v.isDouble() ? v.toInteger(-1) : -1;
        if (seconds < 0 || seconds > qint64(100) * 365 * 86400)
            errors.add(path + u".idempotency_window_s"_s,
                       u"expected a non-negative whole number of seconds, got %1 (at most 100 years)"_s.arg(
                           ConfigErrors::typeName(v)));
        else
            s.idempotencyWindowS = seconds;
    }
    if (json.contains(u"enforce_verification"_s)) {
        const QJsonValue v = json.value(u"enforce_verification"_s);
        if (!v.isBool())
            errors.add(path + u".enforce_verification"_s,
                       u"expected true or false, got %1"_s.arg(ConfigErrors::typeName(v)));
        else
            s.enforceVerification = v.toBool();
    }
    if (json.contains(u"verification"_s)) {
        const QJsonValue v = json.value(u"verification"_s);
        if (v.isNull())
            s.verification = VerificationSettings();
        else if (!v.isObject())
            errors.add(path + u".verification"_s, u"expected an object, got %1"_s.arg(ConfigErrors::typeName(v)));
        else
            s.verification =
                VerificationSettings::fromJson(v.toObject(), path + u".verification"_s, errors, s.verification);
    }
    readString(json, u"preprocess_script"_s, path, errors, s.preprocessScript);
    s.scriptVarsToKeep.clear(); // only what `json` names
    if (json.contains(u"script_vars"_s)) {
        const QJsonValue v = json.value(u"script_vars"_s);
        if (v.isObject())
            readScriptVars(v.toObject(), path + u".script_vars"_s, errors, s);
        else if (v.isNull())
            readScriptVars({}, path, errors, s);
        else
            errors.add(path + u".script_vars"_s, u"expected an object, got %1"_s.arg(ConfigErrors::typeName(v)));
    }
    if (json.contains(u"rate_limit_per_second"_s)) {
        const QJsonValue v = json.value(u"rate_limit_per_second"_s);
        if (v.isNull())
            s.rateLimitPerSecond = 0;
        else if (!v.isDouble() || v.toDouble() < 0)
            errors.add(path + u".rate_limit_per_second"_s,
                       u"expected a non-negative number of requests per second (0 = off), got %1"_s.arg(
                           ConfigErrors::typeName(v)));
        else
            s.rateLimitPerSecond = v.toDouble();
    }
    readString(json, u"write_key"_s, path, errors, s.writeKey);
    readString(json, u"api_key"_s, path, errors, s.apiKey);
    return s;
}

QJsonObject SourceSettings::toJson(bool includeSecrets) const
{
    QJsonObject o{
        {u"event_type_path"_s, eventTypePath},
        {u"timestamp_path"_s, timestampPath.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(timestampPath)},
        {u"idempotency_key_path"_s, idempotencyKeyPath},
        {u"idempotency_window_s"_s, double(idempotencyWindowS)},
        {u"enforce_verification"_s, enforceVerification},
        {u"verification"_s, verification.toJson(includeSecrets)},
        {u"preprocess_script"_s,
         preprocessScript.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(preprocessScript)},
    };
    if (rateLimitPerSecond > 0)
        o.insert(u"rate_limit_per_second"_s, rateLimitPerSecond);
    if (!scriptVars.isEmpty() || !secretScriptVars.isEmpty()) {
        QJsonObject vars;
        for (auto it = scriptVars.begin(); it != scriptVars.end(); ++it) {
            if (secretScriptVars.contains(it.key()))
                continue;
            // A plain value that reads as a wrapper is written wrapped, so it reads back plain.
            vars.insert(it.key(), isWrappedVar(it.value())
                                      ? QJsonValue(QJsonObject{{u"value"_s, it.value()}, {u"secret"_s, false}})
                                      : it.value());
        }
        for (const QString &name : secretScriptVars) {
            QJsonObject w{{u"secret"_s, true}};
            if (includeSecrets && scriptVars.contains(name))
                w.insert(u"value"_s, scriptVars.value(name));
            vars.insert(name, w);
        }
        o.insert(u"script_vars"_s, vars);
    }
    if (includeSecrets && !writeKey.isEmpty())
        o.insert(u"write_key"_s, writeKey);
    if (includeSecrets && !apiKey.isEmpty())
        o.insert(u"api_key"_s, apiKey);
    return o;
}

} // namespace inlet
