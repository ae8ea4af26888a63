#pragma once

#include <QString>

namespace inlet {

// The data directory holds the database, and with it every signing secret,
// key and logged payload: whatever Inlet creates there is owner-only (0700),
// whatever the umask. An existing directory is left as it is: `--data-dir .`
// must not change the permissions of the user's working directory.
class DataDirectory final
{
public:
    // Creates `path` (and missing parents) if needed; false with `error` set when it cannot.
    static bool ensure(const QString &path, QString *error = nullptr);
};

} // namespace inlet
