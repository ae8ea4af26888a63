#include "util/SecretRedactor.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace inlet {

void SecretRedactor::add(const QString &secret)
{
    if (secret.size() < kMinLength || m_secrets.contains(secret))
        return;
    const auto at =
        std::find_if(m_secrets.begin(), m_secrets.end(), [&](const QString &s) { return s.size() < secret.size(); });
    m_secrets.insert(at, secret);
}

void SecretRedactor::add(const QJsonValue &secret)
{
    if (secret.isString())
        add(secret.toString());
}

QString SecretRedactor::redact(QString text) const
{
    for (const QString &s : m_secrets)
        text.replace(s, kRedacted);
    return text;
}

QJsonValue SecretRedactor::redact(const QJsonValue &value) const
{
    if (m_secrets.isEmpty())
        return value;
    switch (value.type()) {
    case QJsonValue::String:
        return redact(value.toString());
    case QJsonValue::Object:
        return redact(value.toObject());
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(redact(v));
        return out;
    }
    default:
        return value;
    }
}

QJsonObject SecretRedactor::redact(const QJsonObject &object) const
{
    if (m_secrets.isEmpty())
        return object;
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(redact(it.key()), redact(it.value()));
    return out;
}

} // namespace inlet
