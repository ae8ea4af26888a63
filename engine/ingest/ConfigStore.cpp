#include "ingest/ConfigStore.h"

#include "config/ConfigRepository.h"

namespace inlet {

std::shared_ptr<const ConfigSnapshot> ConfigStore::current() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

void ConfigStore::set(std::shared_ptr<const ConfigSnapshot> snapshot)
{
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snapshot);
}

bool ConfigStore::reload(QSqlDatabase &db, bool force, QString *error)
{
    ConfigRepository repo(db);
    const qint64 version = repo.version();
    if (!force && version == current()->version())
        return true;
    auto config = repo.load(error);
    if (!config)
        return false;
    set(ConfigSnapshot::build(std::move(*config), version));
    return true;
}

} // namespace inlet
