#include "config/ConfigSnapshot.h"

namespace inlet {

std::shared_ptr<const ConfigSnapshot> ConfigSnapshot::build(Configuration config, qint64 version)
{
    auto s = std::make_shared<ConfigSnapshot>();
    s->m_config = std::move(config);
    s->m_version = version;
    for (const SourceDefinition &def : s->m_config.sources) {
        for (const SourceConfig &sc : def.configs) {
            auto rs = std::make_unique<RuntimeSource>(sc, def.name, def.templateKey);
            if (!sc.token.isEmpty())
                s->m_byToken.insert(sc.token, rs.get());
            if (!sc.settings.writeKey.isEmpty())
                s->m_byWriteKey.insert(sc.settings.writeKey, rs.get());
            if (!sc.settings.apiKey.isEmpty())
                s->m_byApiKey.insert(sc.settings.apiKey, rs.get());
            s->m_sources.push_back(std::move(rs));
        }
    }
    return s;
}

const RuntimeSource *ConfigSnapshot::byToken(const QString &token) const
{
    return m_byToken.value(token);
}

const RuntimeSource *ConfigSnapshot::byWriteKey(const QString &key) const
{
    return m_byWriteKey.value(key);
}

const RuntimeSource *ConfigSnapshot::byApiKey(const QString &key) const
{
    return m_byApiKey.value(key);
}

const RuntimeSource *ConfigSnapshot::find(const QString &source, const QString &env) const
{
    for (const auto &rs : m_sources) {
        if (rs->config.source == source && rs->config.env == env)
            return rs.get();
    }
    return nullptr;
}

} // namespace inlet
