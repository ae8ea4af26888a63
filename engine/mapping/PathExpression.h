#pragma once

#include "mapping/EvalContext.h"
#include "mapping/PathRoot.h"
#include "mapping/PathSegment.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>
#include <optional>
#include <vector>

namespace inlet {

// A compiled mapping path (syntax in docs/paths.md). Compiling parses the text
// once into segments; evaluating walks the JSON without looking at the text
// again, so a mapping can be resolved millions of times per second.
//
// evaluate() returns std::nullopt for "missing" (some step did not resolve),
// which is distinct from a present JSON null.
class PathExpression final
{
public:
    PathExpression() = default; // invalid

    // On a syntax error returns an invalid expression and, if `error` is
    // given, a message naming the offset of the problem.
    static PathExpression compile(QStringView text, QString *error = nullptr);

    bool isValid() const { return m_valid; }
    QString text() const { return m_text; }
    PathRoot root() const { return m_root; }
    const std::vector<PathSegment> &segments() const { return m_segments; }
    bool hasWildcard() const { return m_hasWildcard; }

    std::optional<QJsonValue> evaluate(const EvalContext &context) const;
    // Against a whole document shaped like EvalContext::toJson(), e.g. a
    // stored sample: the first segment selects the document's member.
    std::optional<QJsonValue> evaluate(const QJsonValue &document) const;

private:
    std::optional<QJsonValue> evaluateFrom(const QJsonValue &start, size_t first) const;

    QString m_text;
    std::vector<PathSegment> m_segments;
    PathRoot m_root = PathRoot::Body;
    bool m_valid = false;
    bool m_hasWildcard = false;
};

} // namespace inlet
