#include "logs/PayloadFromBody.h"

#include "mapping/BodyReference.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace inlet {
namespace {

QJsonValue valueAt(const QByteArray &body, const QString &path)
{
    const QByteArray text = BodyReference::text(body, path);
    if (text.isNull())
        return QJsonValue::Null;
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue::Null;
}

} // namespace

void PayloadFromBody::restore(QJsonObject &payload, const QByteArray &references, const QByteArray &body)
{
    if (references.isEmpty())
        return;
    const QJsonObject refs = QJsonDocument::fromJson(references).object();
    for (auto it = refs.constBegin(), end = refs.constEnd(); it != end; ++it)
        payload.insert(it.key(), valueAt(body, it.value().toString()));
}

} // namespace inlet
