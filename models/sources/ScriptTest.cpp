#include "models/sources/ScriptTest.h"

#include "script/ScriptRunner.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace inlet {

ScriptInput ScriptTest::inputOf(const EventRecord &event, const QJsonObject &vars)
{
    ScriptInput input;
    input.vars = vars;
    const QJsonDocument doc = QJsonDocument::fromJson(event.body);
    input.body = doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    input.rawBody = event.rawBody.isEmpty() ? event.body : event.rawBody;
    input.headers = event.headers;
    input.query = event.query;
    return input;
}

ScriptResult ScriptTest::run(const QString &script, const QJsonObject &vars, const EventRecord &event)
{
    // A runner of its own: the text changes with every edit, and the
    // per-thread cache is for the scripts the engine runs.
    ScriptRunner runner(script);
    return runner.run(inputOf(event, vars));
}

QString ScriptTest::describe(const ScriptResult &result)
{
    if (result.ok)
        return QString::fromUtf8(QJsonDocument(result.output).toJson(QJsonDocument::Indented)).trimmed();
    return result.error;
}

} // namespace inlet
