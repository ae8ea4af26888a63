#include "config/ConfigSnapshot.h"

#include "util/Crypto.h"

#include <algorithm>

namespace inlet {

std::shared_ptr<const ConfigSnapshot> ConfigSnapshot::build(Configuration config, qint64 version)
{
    auto s = std::make_shared<ConfigSnapshot>();
    s->m_config = std::move(config);
    s->m_version = version;
    for (const SourceDefinition &def : s->m_config.sources) {
        for (const SourceConfig &sc : def.configs) {
            auto rs = std::make_unique<RuntimeSource>(sc, def.name, def.templateKey);
            insert(s->m_byToken, sc.token, rs.get());
            insert(s->m_byWriteKey, sc.settings.writeKey, rs.get());
            insert(s->m_byApiKey, sc.settings.apiKey, rs.get());
            s->m_sources.push_back(std::move(rs));
        }
    }
    return s;
}

qint64 ConfigSnapshot::longestIdempotencyWindowS() const
{
    qint64 longest = SourceSettings().idempotencyWindowS;
    for (const auto &rs : m_sources)
        longest = std::max(longest, rs->config.settings.idempotencyWindowS);
    return longest;
}

void ConfigSnapshot::insert(Credentials &table, const QString &credential, const RuntimeSource *rs)
{
    if (!credential.isEmpty())
        table.insert(crypto::sha256(credential.toUtf8()), rs);
}

const RuntimeSource *ConfigSnapshot::lookup(const Credentials &table, const QString &credential,
                                            const QString &(*stored)(const RuntimeSource &))
{
    if (credential.isEmpty())
        return nullptr;
    const QByteArray given = credential.toUtf8();
    const RuntimeSource *rs = table.value(crypto::sha256(given));
    // A digest match is a match; the comparison is for the (theoretical) collision.
    return rs && crypto::constantTimeEquals(stored(*rs).toUtf8(), given) ? rs : nullptr;
}

const RuntimeSource *ConfigSnapshot::byToken(const QString &token) const
{
    return lookup(m_byToken, token, [](const RuntimeSource &rs) -> const QString & { return rs.config.token; });
}

const RuntimeSource *ConfigSnapshot::byWriteKey(const QString &key) const
{
    return lookup(m_byWriteKey, key,
                  [](const RuntimeSource &rs) -> const QString & { return rs.config.settings.writeKey; });
}

const RuntimeSource *ConfigSnapshot::byApiKey(const QString &key) const
{
    return lookup(m_byApiKey, key,
                  [](const RuntimeSource &rs) -> const QString & { return rs.config.settings.apiKey; });
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
