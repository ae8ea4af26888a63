#pragma once

#include "config/Configuration.h"
#include "config/RuntimeSource.h"

#include <memory>

namespace inlet {

// An immutable, compiled view of the configuration. The engine swaps in a
// new snapshot when the configuration changes; requests in flight keep the
// one they started with (shared_ptr), so no lock is held on the hot path.
class ConfigSnapshot final
{
public:
    static std::shared_ptr<const ConfigSnapshot> build(Configuration config, qint64 version);

    const RuntimeSource *byToken(const QString &token) const;
    const RuntimeSource *byWriteKey(const QString &key) const;
    const RuntimeSource *byApiKey(const QString &key) const;
    const RuntimeSource *find(const QString &source, const QString &env) const;

    const Configuration &configuration() const { return m_config; }
    qint64 version() const { return m_version; }

private:
    Configuration m_config;
    qint64 m_version = 0;
    std::vector<std::unique_ptr<RuntimeSource>> m_sources;
    QHash<QString, const RuntimeSource *> m_byToken;
    QHash<QString, const RuntimeSource *> m_byWriteKey;
    QHash<QString, const RuntimeSource *> m_byApiKey;
};

} // namespace inlet
