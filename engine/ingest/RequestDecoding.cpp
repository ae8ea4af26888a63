#include "ingest/RequestDecoding.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QJsonObject headersObject(const HttpRequest &request)
{
    QJsonObject o;
    for (const auto &[name, value] : request.headers) {
        const QString key = QString::fromLatin1(name);
        const QString v = QString::fromUtf8(value);
        const auto it = o.constFind(key);
        o.insert(key, it == o.constEnd() ? v : it->toString() + u", "_s + v);
    }
    return o;
}

QJsonObject redactHeaders(QJsonObject headers, const QString &configuredSecretHeader)
{
    static const QStringList secret = {u"authorization"_s,    u"proxy-authorization"_s, u"cookie"_s,   u"set-cookie"_s,
                                       u"x-webhook-secret"_s, u"x-write-key"_s,         u"x-api-key"_s};
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (secret.contains(it.key()) || (!configuredSecretHeader.isEmpty() && it.key() == configuredSecretHeader))
            it.value() = u"[redacted]"_s;
    }
    return headers;
}

QJsonObject queryObject(const QByteArray &rawQuery)
{
    QJsonObject o;
    if (rawQuery.isEmpty())
        return o;
    const QUrlQuery q(QString::fromUtf8(rawQuery));
    for (const auto &[k, v] : q.queryItems(QUrl::FullyDecoded)) {
        if (!o.contains(k))
            o.insert(k, v);
    }
    return o;
}

} // namespace inlet
