#pragma once

#include "config/ConfigSnapshot.h"

#include <QMutex>
#include <QSqlDatabase>

namespace inlet {

// Holds the current configuration snapshot for every thread of the engine.
class ConfigStore final
{
public:
    std::shared_ptr<const ConfigSnapshot> current() const;
    void set(std::shared_ptr<const ConfigSnapshot> snapshot);

    // Loads the configuration from `db` if its version differs from the
    // current snapshot's (or always, with `force`). Returns false on error.
    bool reload(QSqlDatabase &db, bool force, QString *error);

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const ConfigSnapshot> m_snapshot = ConfigSnapshot::build({}, -1);
};

} // namespace inlet
