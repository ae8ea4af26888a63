#pragma once

#include "config/ConfigRepository.h"
#include "store/DatabaseUrl.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariantList>

namespace inlet::cfgtest {

// A migrated database (SQLite in a temporary directory, or a fresh PostgreSQL
// schema: tests/common/TestBackend.h) holding a
// configuration, driven the way `inletd config import/export` drives it.
class ConfigTestDatabase final
{
public:
    ConfigTestDatabase();
    ~ConfigTestDatabase();
    ConfigTestDatabase(const ConfigTestDatabase &) = delete;
    ConfigTestDatabase &operator=(const ConfigTestDatabase &) = delete;

    // Empty when the database is open, else why it is not.
    QString openError() const { return m_error; }
    QSqlDatabase &db() { return m_db; }
    ConfigRepository repository() const { return ConfigRepository(m_db); }

    // Parses `json` against the built-in templates and the stored
    // environments, and applies it; returns every problem (empty on success),
    // as `config import` would report them.
    QStringList import(const QByteArray &json);

    // What `config export [--include-secrets]` prints, as JSON and as text.
    QJsonObject exportJson(bool includeSecrets, const QString &env = {});
    QByteArray exportText(bool includeSecrets);

    // The stored configuration of one source configuration (token, settings, mappings).
    QJsonObject storedConfig(const QString &source, const QString &env);
    QString storedToken(const QString &source, const QString &env);
    QStringList workflowKeys(const QString &env);

    // Every configuration row (environments, workflows, sources, source
    // configurations, config version) as text: equal dumps, equal databases.
    QString configurationDump();

    QVariant scalar(const QString &sql, const QVariantList &binds = {});

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    QString m_connection;
    QSqlDatabase m_db;
    QString m_error;
};

// A configuration file's bytes.
QByteArray fileBytes(const QJsonObject &root);
// Parses JSON text written in a test (fails loudly when the test's own JSON is broken).
QJsonObject parseObject(const QByteArray &json);

} // namespace inlet::cfgtest
