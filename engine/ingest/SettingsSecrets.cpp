#include "ingest/SettingsSecrets.h"

#include "config/SourceSettings.h"

namespace inlet {

SecretRedactor SettingsSecrets::redactorFor(const SourceSettings &settings)
{
    SecretRedactor r;
    for (const QString &s : settings.verification.secrets) {
        r.add(s);
        if (settings.verification.scheme == QLatin1String("basic") && s.contains(u':'))
            r.add(s.section(u':', 1)); // the password alone; the user name is not secret
    }
    r.add(settings.writeKey);
    r.add(settings.apiKey);
    for (const QString &name : settings.secretScriptVars)
        r.add(settings.scriptVars.value(name));
    return r;
}

void SettingsSecrets::redact(ScriptResult &script, const SourceSettings &settings)
{
    const SecretRedactor r = redactorFor(settings);
    if (r.isEmpty())
        return;
    script.output = r.redact(script.output);
    script.error = r.redact(script.error);
}

} // namespace inlet
