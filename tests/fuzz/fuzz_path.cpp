// libFuzzer target: path compilation and evaluation. The input is the path
// text, a newline, then a JSON document shaped like EvalContext::toJson()
// ({"body": ..., "headers": {...}, ...}). A valid path is evaluated against
// the context, against the document, and its enumerated paths recompile.
// The same JSON is also taken as a body: a value JsonSpan finds in its text
// for the path must parse to what the path evaluates to on Qt's parse.
#include "mapping/JsonSpan.h"
#include "mapping/PathEnumerator.h"
#include "mapping/PathExpression.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(data, qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QString text = QString::fromUtf8(newline < 0 ? input : input.first(newline));
    const QByteArray json = newline < 0 ? QByteArray() : input.sliced(newline + 1).toByteArray();

    QString error;
    const inlet::PathExpression path = inlet::PathExpression::compile(text, &error);
    check(path.isValid() == error.isEmpty());
    if (!path.isValid())
        return 0;
    check(path.text() == text);
    // Compiling is deterministic: the same text gives the same segments.
    check(inlet::PathExpression::compile(path.text()).segments().size() == path.segments().size());

    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonObject document = doc.object();
    const inlet::EvalContext context = inlet::EvalContext::fromJson(document);
    (void)path.evaluate(context);
    (void)path.evaluate(QJsonValue(document));
    (void)path.evaluate(QJsonValue(doc.array()));

    // The document's text as a body (whatever it is: the scanner must not
    // crash on text Qt refuses either).
    if (path.root() == inlet::PathRoot::Body && !path.hasWildcard()) {
        const auto span = inlet::JsonSpan::find(json, path.segments());
        if (span) {
            check(span->data() >= json.constData() && span->data() + span->size() <= json.constData() + json.size());
            const QByteArray found = inlet::JsonSpan::compact(json, *span);
            if (!doc.isNull()) {
                inlet::EvalContext asBody;
                asBody.body = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
                const auto expected = path.evaluate(asBody);
                check(expected.has_value());
                const QJsonDocument back = QJsonDocument::fromJson("[" + found + "]");
                check(back.isArray() && back.array().size() == 1 && back.array().at(0) == *expected);
            }
        }
    }

    // Every path the enumerator produces for this document compiles.
    const QStringList all = inlet::PathEnumerator::enumerate(QJsonValue(context.toJson()), 6);
    for (qsizetype i = 0; i < qMin<qsizetype>(all.size(), 64); ++i)
        check(inlet::PathExpression::compile(all.at(i)).isValid());
    return 0;
}
