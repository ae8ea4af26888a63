#include "config/ConfigRepository.h"

#include "config/TemplateRegistry.h"
#include "util/Crypto.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

// Key-authenticated templates need a key even when the file gives none.
QString generatedKey(const QString &prefix)
{
    return prefix + QString::fromLatin1(crypto::randomToken(24));
}

} // namespace

ConfigRepository::ConfigRepository(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool ConfigRepository::ensureDefaults(QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(
        // The casts type the parameters for PostgreSQL (a bare `SELECT ?` is
        // text); ON CONFLICT: another instance starting at once did it.
        u"INSERT INTO environments (key, name, position) SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER)"
        " WHERE NOT EXISTS (SELECT 1 FROM environments) ON CONFLICT (key) DO NOTHING"_s);
    q.addBindValue(u"development"_s);
    q.addBindValue(u"Development"_s);
    q.addBindValue(0);
    if (!run(q, error))
        return false;
    if (q.numRowsAffected() > 0) {
        q.prepare(u"INSERT INTO environments (key, name, position) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING"_s);
        q.addBindValue(u"production"_s);
        q.addBindValue(u"Production"_s);
        q.addBindValue(1);
        return run(q, error);
    }
    return true;
}

QSet<QString> ConfigRepository::environmentKeys() const
{
    QSet<QString> keys;
    QSqlQuery q(m_db);
    q.exec(u"SELECT key FROM environments"_s);
    while (q.next())
        keys.insert(q.value(0).toString());
    return keys;
}

std::optional<Configuration> ConfigRepository::load(QString *error) const
{
    QJsonArray envs;
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT key, name FROM environments ORDER BY position, key"_s)) {
        if (error)
            *error = q.lastError().text();
        return std::nullopt;
    }
    while (q.next())
        envs.append(QJsonObject{{u"key"_s, q.value(0).toString()}, {u"name"_s, q.value(1).toString()}});
    QJsonObject workflows;
    q.exec(u"SELECT env, key FROM workflows ORDER BY env, key"_s);
    while (q.next()) {
        QJsonArray list = workflows.value(q.value(0).toString()).toArray();
        list.append(q.value(1).toString());
        workflows.insert(q.value(0).toString(), list);
    }
    QJsonArray sources;
    QHash<QString, QJsonObject> perSourceEnvs;
    q.exec(u"SELECT source, env, config FROM source_configs ORDER BY source, env"_s);
    while (q.next()) {
        QJsonObject envMap = perSourceEnvs.value(q.value(0).toString());
        envMap.insert(q.value(1).toString(), QJsonDocument::fromJson(q.value(2).toByteArray()).object());
        perSourceEnvs.insert(q.value(0).toString(), envMap);
    }
    q.exec(u"SELECT key, name, template FROM sources ORDER BY position, key"_s);
    while (q.next()) {
        const QString key = q.value(0).toString();
        sources.append(QJsonObject{{u"key"_s, key},
                                   {u"name"_s, q.value(1).toString()},
                                   {u"template"_s, q.value(2).toString()},
                                   {u"environments"_s, perSourceEnvs.value(key)}});
    }
    const QJsonObject root{{u"version"_s, Configuration::kVersion},
                           {u"environments"_s, envs},
                           {u"workflows"_s, workflows},
                           {u"sources"_s, sources}};
    ConfigErrors errors;
    auto c = Configuration::fromJson(root, TemplateRegistry::instance(), {}, errors);
    if (!c && error)
        *error = u"stored configuration is invalid: "_s + errors.joined();
    return c;
}

bool ConfigRepository::apply(const Configuration &incoming, QString *error)
{
    QString err;
    const auto current = load(&err);
    if (!current) {
        if (error)
            *error = err;
        return false;
    }
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    auto fail = [&](const QString &message) {
        m_db.rollback();
        if (error)
            *error = message;
        return false;
    };
    QSqlQuery q(m_db);
    int position = int(current->environments.size());
    for (const Environment &e : incoming.environments) {
        q.prepare(u"INSERT INTO environments (key, name, position) VALUES (?, ?, ?)"
                  " ON CONFLICT(key) DO UPDATE SET name = excluded.name"_s);
        q.addBindValue(e.key);
        q.addBindValue(e.name);
        q.addBindValue(position++);
        if (!run(q, &err))
            return fail(err);
    }
    for (auto it = incoming.workflows.begin(); it != incoming.workflows.end(); ++it) {
        q.prepare(u"DELETE FROM workflows WHERE env = ?"_s);
        q.addBindValue(it.key());
        if (!run(q, &err))
            return fail(err);
        for (const QString &key : it.value()) {
            q.prepare(u"INSERT INTO workflows (env, key) VALUES (?, ?)"_s);
            q.addBindValue(it.key());
            q.addBindValue(key);
            if (!run(q, &err))
                return fail(err);
        }
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const SourceDefinition &def : incoming.sources) {
        q.prepare(u"INSERT INTO sources (key, name, template) VALUES (?, ?, ?)"
                  " ON CONFLICT(key) DO UPDATE SET name = excluded.name, template = excluded.template"_s);
        q.addBindValue(def.key);
        q.addBindValue(def.name);
        q.addBindValue(def.templateKey);
        if (!run(q, &err))
            return fail(err);
        const Template *tpl = TemplateRegistry::instance().find(def.templateKey);
        for (SourceConfig sc : def.configs) {
            const SourceConfig *old = current->config(def.key, sc.env);
            if (sc.token.isEmpty())
                sc.token = old ? old->token : QString::fromLatin1(crypto::randomToken(18));
            if (!sc.settings.verification.secretsGiven && old)
                sc.settings.verification.secrets = old->settings.verification.secrets;
            for (const QString &name : std::as_const(sc.settings.scriptVarsToKeep)) {
                if (old && old->settings.scriptVars.contains(name))
                    sc.settings.scriptVars.insert(name, old->settings.scriptVars.value(name));
            }
            if (sc.settings.writeKey.isEmpty() && old)
                sc.settings.writeKey = old->settings.writeKey;
            if (sc.settings.apiKey.isEmpty() && old)
                sc.settings.apiKey = old->settings.apiKey;
            if (tpl && tpl->authentication == u"write_key"_s && sc.settings.writeKey.isEmpty()) {
                sc.settings.writeKey = tpl->writeKeyFormat.isEmpty() ? generatedKey(u"wk_"_s)
                                                                     : generatedKey(u"wk_"_s) + u':' +
                                                                           QString::fromLatin1(crypto::randomToken(24));
            }
            if (tpl && tpl->authentication == u"api_key"_s && sc.settings.apiKey.isEmpty())
                sc.settings.apiKey = generatedKey(u"sk_"_s);
            q.prepare(u"INSERT INTO source_configs (source, env, token, write_key, api_key, config, updated_at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, env) DO UPDATE SET token = excluded.token,"
                      " write_key = excluded.write_key, api_key = excluded.api_key, config = excluded.config,"
                      " updated_at = excluded.updated_at"_s);
            q.addBindValue(def.key);
            q.addBindValue(sc.env);
            q.addBindValue(sc.token);
            q.addBindValue(sc.settings.writeKey.isEmpty() ? QVariant() : QVariant(sc.settings.writeKey));
            q.addBindValue(sc.settings.apiKey.isEmpty() ? QVariant() : QVariant(sc.settings.apiKey));
            q.addBindValue(QString::fromUtf8(QJsonDocument(sc.toJson(true)).toJson(QJsonDocument::Compact)));
            q.addBindValue(now);
            if (!run(q, &err)) {
                if (err.contains(u"UNIQUE"_s, Qt::CaseInsensitive)) // SQLite: UNIQUE; PostgreSQL: unique
                    err =
                        u"%1/%2: its token, write key or API key is already used by another source configuration"_s.arg(
                            def.key, sc.env);
                return fail(err);
            }
        }
    }
    if (!bumpVersion(&err))
        return fail(err);
    if (!m_db.commit())
        return fail(m_db.lastError().text());
    return true;
}

bool ConfigRepository::removeSource(const QString &key, QString *error)
{
    if (!m_db.transaction()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    QSqlQuery q(m_db);
    for (const QString &sql :
         {u"DELETE FROM source_configs WHERE source = ?"_s, u"DELETE FROM sources WHERE key = ?"_s}) {
        q.prepare(sql);
        q.addBindValue(key);
        if (!run(q, error)) {
            m_db.rollback();
            return false;
        }
    }
    if (!bumpVersion(error) || !m_db.commit()) {
        m_db.rollback();
        return false;
    }
    return true;
}

bool ConfigRepository::bumpVersion(QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(u"UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'config_version'"_s);
    return run(q, error);
}

qint64 ConfigRepository::version() const
{
    QSqlQuery q(m_db);
    q.exec(u"SELECT value FROM meta WHERE key = 'config_version'"_s);
    return q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace inlet
