#include "ingest/EventContext.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

bool buildEvalContext(const EventRecord &event, EvalContext &context, QString *error)
{
    if (event.parsedBody) {
        context.body = *event.parsedBody;
    } else {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(event.body, &pe);
        if (pe.error != QJsonParseError::NoError) {
            if (error)
                *error = u"stored body is not JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset);
            return false;
        }
        context.body = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    }
    context.headers = event.headers;
    context.query = event.query;
    if (!event.preprocessOutput.isEmpty())
        context.preprocess = event.preprocessOutput;
    return true;
}

} // namespace inlet
