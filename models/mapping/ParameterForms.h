#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace inlet {

// The configuration forms of a parameter value (SPEC 9.2) as the mapping
// editor's field menu offers them, built from what the user typed and taken
// apart again to prefill the next edit.
class ParameterForms final
{
public:
    enum class Form { Empty, Path, Literal, Template, Coalesce, Default, Other };

    static Form formOf(const QJsonValue &configured);

    // `text` is JSON when it parses as a JSON value (42, true, "x", [1],
    // {"a": 1}); anything else is taken as a string.
    static QJsonValue jsonOrText(const QString &text);
    // The text that jsonOrText() turns back into `value`.
    static QString textOf(const QJsonValue &value);

    static QJsonValue literal(const QJsonValue &value);
    static QJsonValue templateOf(const QString &text);
    // One item per non-empty line: a path, or a JSON object form.
    static QJsonValue coalesce(const QStringList &items);
    static QJsonValue pathWithDefault(const QString &path, const QJsonValue &fallback);

    // Prefills: the path read (Path and Default forms), the default, the
    // literal, the template text, the coalesce items (one per line).
    static QString pathOf(const QJsonValue &configured);
    static QJsonValue defaultOf(const QJsonValue &configured);
    static QJsonValue literalOf(const QJsonValue &configured);
    static QString templateTextOf(const QJsonValue &configured);
    static QStringList coalesceItemsOf(const QJsonValue &configured);
};

} // namespace inlet
