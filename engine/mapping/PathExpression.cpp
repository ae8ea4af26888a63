#include "mapping/PathExpression.h"

#include "mapping/PathParser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <utility>

namespace inlet {

PathExpression PathExpression::compile(QStringView text, QString *error)
{
    PathExpression expression;
    expression.m_text = text.toString();
    PathParser parser(text);
    if (!parser.parse()) {
        if (error)
            *error = parser.error();
        return expression;
    }
    expression.m_root = parser.root();
    expression.m_segments = parser.takeSegments();
    // HTTP header names are case-insensitive and EvalContext stores them
    // lower-case, so the name is folded here rather than on every lookup.
    if (expression.m_root == PathRoot::Headers && !expression.m_segments.empty() &&
        expression.m_segments.front().kind == PathSegment::Kind::Key) {
        expression.m_segments.front().key = expression.m_segments.front().key.toLower();
    }
    expression.m_hasWildcard = std::any_of(expression.m_segments.begin(), expression.m_segments.end(),
                                           [](const PathSegment &s) { return s.kind == PathSegment::Kind::Wildcard; });
    expression.m_valid = true;
    if (error)
        error->clear();
    return expression;
}

std::optional<QJsonValue> PathExpression::evaluate(const EvalContext &context) const
{
    if (!m_valid)
        return std::nullopt;
    switch (m_root) {
    case PathRoot::Body:
        return evaluateFrom(context.body, 0);
    case PathRoot::Headers:
        return evaluateFrom(context.headers, 0);
    case PathRoot::Query:
        return evaluateFrom(context.query, 0);
    case PathRoot::Preprocess:
        return evaluateFrom(context.preprocess, 0);
    }
    Q_UNREACHABLE();
}

std::optional<QJsonValue> PathExpression::evaluate(const QJsonValue &document) const
{
    if (!m_valid || !document.isObject())
        return std::nullopt;
    return evaluateFrom(document[pathRootName(m_root)], 0);
}

// Walks with typed cursors (the current object or array) and looks members
// up through const iterators: that avoids building a QJsonValue, and paying
// its reference counting, for every intermediate step. Only the result and
// the containers actually descended into are materialised.
std::optional<QJsonValue> PathExpression::evaluateFrom(const QJsonValue &start, size_t first) const
{
    const size_t count = m_segments.size();
    if (first == count)
        return start.isUndefined() ? std::nullopt : std::optional<QJsonValue>(start);

    QJsonValue::Type type = start.type();
    QJsonObject object;
    QJsonArray array;
    if (type == QJsonValue::Object)
        object = start.toObject();
    else if (type == QJsonValue::Array)
        array = start.toArray();
    const auto descend = [&](const QJsonValueConstRef &ref) {
        type = ref.type();
        if (type == QJsonValue::Object)
            object = ref.toObject();
        else if (type == QJsonValue::Array)
            array = ref.toArray();
    };

    for (size_t i = first; i < count; ++i) {
        const PathSegment &segment = m_segments[i];
        const bool last = i + 1 == count;
        switch (segment.kind) {
        case PathSegment::Kind::Key: {
            if (type != QJsonValue::Object)
                return std::nullopt;
            const auto it = object.constFind(segment.key);
            if (it == object.constEnd())
                return std::nullopt;
            if (last)
                return QJsonValue(it.value());
            descend(it.value());
            break;
        }
        case PathSegment::Kind::Index: {
            if (type != QJsonValue::Array || segment.index >= array.size())
                return std::nullopt;
            const QJsonValueConstRef ref = *(array.constBegin() + segment.index);
            if (last)
                return QJsonValue(ref);
            descend(ref);
            break;
        }
        case PathSegment::Kind::Wildcard: {
            if (type != QJsonValue::Array)
                return std::nullopt;
            // Elements where the rest of the path is missing are left out; a
            // nested [*] yields a nested array (no flattening). as_const: a
            // non-const begin() would detach (deep-copy) the shared array.
            QJsonArray mapped;
            for (const QJsonValue &element : std::as_const(array)) {
                if (std::optional<QJsonValue> result = evaluateFrom(element, i + 1))
                    mapped.append(*result);
            }
            return QJsonValue(mapped);
        }
        }
    }
    Q_UNREACHABLE();
}

} // namespace inlet
