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

    // The longest idempotency window of any source (the default when there
    // is none): keys older than that are never looked up again.
    qint64 longestIdempotencyWindowS() const;

    const Configuration &configuration() const { return m_config; }
    qint64 version() const { return m_version; }

private:
    Configuration m_config;
    qint64 m_version = 0;
    // Tokens and keys are credentials. A hash table compares the looked-up
    // string with the stored one byte by byte and stops at the first
    // difference, which would let a sender time its way to a valid key one
    // character at a time. So the tables are keyed by the SHA-256 of the
    // credential (a wrong guess's timing reveals nothing about the digest's
    // preimage), and a hit is confirmed with a constant-time comparison.
    using Credentials = QHash<QByteArray, const RuntimeSource *>;
    static void insert(Credentials &table, const QString &credential, const RuntimeSource *rs);
    // `stored` gives the credential a source has in `table`.
    static const RuntimeSource *lookup(const Credentials &table, const QString &credential,
                                       const QString &(*stored)(const RuntimeSource &));

    std::vector<std::unique_ptr<RuntimeSource>> m_sources;
    Credentials m_byToken;
    Credentials m_byWriteKey;
    Credentials m_byApiKey;
};

} // namespace inlet
