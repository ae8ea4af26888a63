#pragma once

#include "logs/EventRecord.h"
#include "script/ScriptInput.h"
#include "script/ScriptResult.h"

#include <QJsonObject>
#include <QString>

namespace inlet {

// "Test script" of the settings form: runs a preprocess script as typed
// (unsaved) against a stored event, as the engine would on ingest.
class ScriptTest final
{
public:
    // The ctx a script sees for `event` (its body parsed, its raw bytes,
    // headers and query) with `vars`.
    static ScriptInput inputOf(const EventRecord &event, const QJsonObject &vars);
    static ScriptResult run(const QString &script, const QJsonObject &vars, const EventRecord &event);
    // The result as the form shows it: the output as indented JSON, or the
    // error (with its line number when the engine gives one).
    static QString describe(const ScriptResult &result);
};

} // namespace inlet
