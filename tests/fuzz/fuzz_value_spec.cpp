// libFuzzer target: parameter values (ValueSpec), templates and conditions
// parsed from configuration JSON and resolved. The input is a JSON array:
// [spec, condition, document], the document shaped like EvalContext::toJson();
// anything else is parsed as a spec alone.
#include "mapping/Condition.h"
#include "mapping/ValueSpec.h"

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
    const QByteArray json = QByteArrayView(data, qsizetype(size)).toByteArray();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return 0;
    const QJsonArray items = doc.array();
    const QJsonValue specJson = doc.isArray() ? items.at(0) : QJsonValue(doc.object());
    const inlet::EvalContext context = inlet::EvalContext::fromJson(items.at(2).toObject());

    QString error;
    const inlet::ValueSpec spec = inlet::ValueSpec::parse(specJson, &error);
    check(spec.isValid() == error.isEmpty());
    if (spec.isValid()) {
        check(spec.toJson() == specJson);
        const QStringList paths = spec.referencedPaths();
        for (const QString &p : paths)
            check(inlet::PathExpression::compile(p).isValid());
        (void)spec.resolve(context);
    }
    if (specJson.isString()) {
        const inlet::ValueTemplate tpl = inlet::ValueTemplate::parse(specJson.toString(), &error);
        if (tpl.isValid())
            (void)tpl.render(context);
    }
    const inlet::Condition condition = inlet::Condition::parse(items.at(1), &error);
    if (condition.isValid())
        (void)condition.holds(context);
    return 0;
}
