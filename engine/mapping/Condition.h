#pragma once

#include "mapping/EvalContext.h"
#include "mapping/PathExpression.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace inlet {

// A mapping's "when" (SPEC 9.2):
//   {"path": "...", "exists": true|false}  present (null counts as present)
//   {"path": "...", "equals": <json>}      present and deeply equal, numbers by
//                                          value (1 == 1.0); a missing value
//                                          never equals anything, not even null
class Condition final
{
public:
    enum class Test { Exists, Equals };

    Condition() = default; // invalid

    static Condition parse(const QJsonValue &json, QString *error = nullptr);

    bool isValid() const { return m_valid; }
    Test test() const { return m_test; }
    const PathExpression &path() const { return m_path; }
    // The configuration form this was parsed from, unchanged.
    QJsonValue toJson() const { return m_source; }

    // An invalid condition never holds.
    bool holds(const EvalContext &context) const;

private:
    QJsonValue m_source;
    PathExpression m_path;
    QJsonValue m_expected; // Equals
    Test m_test = Test::Exists;
    bool m_exists = true; // Exists
    bool m_valid = false;
};

} // namespace inlet
