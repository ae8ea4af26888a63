#pragma once

#include "script/ScriptResult.h"
#include "util/SecretRedactor.h"

namespace inlet {

struct SourceSettings;

// The secret values of one source configuration (verification secrets, write
// and API keys, script variables marked secret), for redacting what a
// preprocess script returns or throws before it reaches the event log, a
// verification reason or an HTTP response.
class SettingsSecrets final
{
public:
    static SecretRedactor redactorFor(const SourceSettings &settings);
    // Redacts the script's output and error in place.
    static void redact(ScriptResult &script, const SourceSettings &settings);
};

} // namespace inlet
