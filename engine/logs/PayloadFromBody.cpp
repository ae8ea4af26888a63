#include "logs/PayloadFromBody.h"

#include "mapping/JsonSpan.h"
#include "mapping/PathExpression.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace inlet {
namespace {

QJsonValue valueAt(const QByteArray &body, const QString &pathText)
{
    const PathExpression path = PathExpression::compile(pathText);
    if (!path.isValid() || path.root() != PathRoot::Body || path.hasWildcard() || body.isEmpty())
        return QJsonValue::Null;
    const std::optional<QByteArrayView> span = JsonSpan::find(body, path.segments());
    if (!span)
        return QJsonValue::Null;
    const QJsonDocument doc = QJsonDocument::fromJson(span->toByteArray());
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
