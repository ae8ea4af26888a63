#pragma once

#include <QJsonValue>
#include <QString>

namespace inlet {

// How a JSON type is named: every message and label that names one takes its
// words from jsonTypeName(), so they cannot drift apart.
enum class JsonTypeWording {
    // "a string", "a number", "a boolean", "null", "an array", "an object";
    // "nothing" when there is no value: messages that say what was found.
    Article,
    // The same, but "a list" for an array: the action parameter messages of
    // SPEC 9.3 (ParameterReader) say "list".
    ArticleList,
    // "string", "number", "boolean", "null", "array", "object"; "missing"
    // when there is no value: labels such as a type column.
    Bare,
};

QString jsonTypeName(const QJsonValue &value, JsonTypeWording wording = JsonTypeWording::Article);

} // namespace inlet
