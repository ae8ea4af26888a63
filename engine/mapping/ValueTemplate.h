#pragma once

#include "mapping/EvalContext.h"
#include "mapping/PathExpression.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace inlet {

// A string with {{path}} placeholders, e.g. "Invoice {{body.data.object.number}}".
// Rendering always yields a string, except that a template whose placeholders
// are all missing yields missing (so `default`-like fallbacks and "required
// parameter" checks still see it). A missing placeholder renders as empty
// text when others are present; a null one always renders as empty text.
class ValueTemplate final
{
public:
    ValueTemplate() = default;

    static ValueTemplate parse(const QString &text, QString *error = nullptr);

    bool isValid() const { return m_valid; }
    QString text() const { return m_text; }
    QStringList placeholderPaths() const;

    std::optional<QJsonValue> render(const EvalContext &context) const;

private:
    // Literal text followed by a placeholder (the last part may have none).
    struct Part
    {
        QString literal;
        PathExpression path; // invalid: no placeholder
    };

    static qsizetype findClose(const QString &text, qsizetype from);

    QString m_text;
    std::vector<Part> m_parts;
    qsizetype m_literalSize = 0;
    bool m_valid = false;
};

} // namespace inlet
