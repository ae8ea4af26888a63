#include "mapping/BodyReference.h"

#include "mapping/JsonSpan.h"
#include "mapping/PathExpression.h"

namespace inlet {

QByteArray BodyReference::text(const QByteArray &body, const QString &pathText)
{
    const PathExpression path = PathExpression::compile(pathText);
    if (!path.isValid() || path.root() != PathRoot::Body || path.hasWildcard() || body.isEmpty())
        return {};
    const std::optional<QByteArrayView> span = JsonSpan::find(body, path.segments());
    return span ? JsonSpan::compact(body, *span) : QByteArray();
}

} // namespace inlet
