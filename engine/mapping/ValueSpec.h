#pragma once

#include "mapping/EvalContext.h"
#include "mapping/PathExpression.h"
#include "mapping/ValueTemplate.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace inlet {

// A mapping's parameter value (SPEC 9.2), parsed from its configuration JSON
// (the object forms' keys are in ValueSpecKeys.h):
//   "body.x"                                 Path
//   {"path": "body.x"}                       Path
//   {"path": "body.x", "default": <json>}    Path; the default replaces a
//                                            missing value, not a null one
//   {"value": <json>}                        Literal
//   {"template": "Invoice {{body.number}}"}  Template (see ValueTemplate)
//   {"coalesce": ["body.a", {...}, ...]}     Coalesce: the first item that is
//                                            present and not null; null when
//                                            none is but some item was null;
//                                            missing when all are missing
// resolve() returns std::nullopt for missing.
class ValueSpec final
{
public:
    enum class Kind { Invalid, Path, Literal, Template, Coalesce };

    ValueSpec() = default; // invalid

    static ValueSpec parse(const QJsonValue &json, QString *error = nullptr);

    bool isValid() const { return m_kind != Kind::Invalid; }
    Kind kind() const { return m_kind; }
    // The configuration form this was parsed from, unchanged.
    QJsonValue toJson() const { return m_source; }
    // Texts of every path the value reads, in order, without duplicates.
    QStringList referencedPaths() const;

    std::optional<QJsonValue> resolve(const EvalContext &context) const;
    // For a path into the body without wildcards that is there: the text of
    // its value in `body` (the text the context's body was parsed from),
    // without insignificant whitespace (JsonSpan). Otherwise std::nullopt.
    std::optional<QByteArray> bodyText(const QByteArray &body) const;
    // Path: the compiled path; otherwise an invalid one.
    const PathExpression &path() const { return m_path; }

private:
    static ValueSpec parseObject(const QJsonObject &object, QString *error);
    static bool parseCoalesce(const QJsonValue &items, ValueSpec *spec, QString *error);
    void collectPaths(QStringList *out) const;

    QJsonValue m_source;
    PathExpression m_path;               // Path
    std::optional<QJsonValue> m_default; // Path
    QJsonValue m_literal;                // Literal
    ValueTemplate m_template;            // Template
    std::vector<ValueSpec> m_items;      // Coalesce
    Kind m_kind = Kind::Invalid;
};

} // namespace inlet
