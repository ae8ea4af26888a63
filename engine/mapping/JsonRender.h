#pragma once

#include <QJsonValue>
#include <QString>

namespace inlet {

// Text of a JSON value as it appears in a rendered template. (Not the
// store's JsonText, which reads and writes stored columns.)
class JsonRender final
{
public:
    // Compact JSON for every type, e.g. `"a"`, `2000`, `{"a":1}`.
    static QString compact(const QJsonValue &value);

    // Template rendering: strings raw (no quotes), null as empty text, and
    // everything else as compact JSON. Integral numbers print without ".0".
    static QString forTemplate(const QJsonValue &value);
    static void appendForTemplate(QString &out, const QJsonValue &value);

private:
    static QString number(double value);
};

} // namespace inlet
