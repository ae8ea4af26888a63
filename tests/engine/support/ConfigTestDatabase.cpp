#include "support/ConfigTestDatabase.h"

#include "common/TestBackend.h"
#include "config/TemplateRegistry.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cfgtest {

ConfigTestDatabase::ConfigTestDatabase()
    : m_connection(Database::uniqueConnectionName(u"config-test"_s))
{
    if (!m_dir.isValid()) {
        m_error = u"no temporary directory"_s;
        return;
    }
    m_url = inlet::test::TestBackend::freshUrl(m_dir.path());
    m_db = Database::open(m_url, m_connection, &m_error);
    if (!m_db.isValid())
        return;
    if (!Database::migrate(m_db, &m_error) || !ConfigRepository(m_db).ensureDefaults(&m_error))
        return;
    m_error.clear();
}

ConfigTestDatabase::~ConfigTestDatabase()
{
    m_db = QSqlDatabase();
    Database::close(m_connection);
    inlet::test::TestBackend::drop(m_url);
}

QStringList ConfigTestDatabase::import(const QByteArray &json)
{
    ConfigRepository repo(m_db);
    ConfigErrors errors;
    const auto config = Configuration::parse(json, TemplateRegistry::instance(), repo.environmentKeys(), errors);
    if (!config)
        return errors.list();
    QString error;
    if (!repo.apply(*config, &error))
        return {error.isEmpty() ? u"apply failed without a message"_s : error};
    return {};
}

QJsonObject ConfigTestDatabase::exportJson(bool includeSecrets, const QString &env)
{
    QString error;
    const auto config = ConfigRepository(m_db).load(&error);
    if (!config)
        return {{u"load_error"_s, error}};
    return config->toJson(includeSecrets, env);
}

QByteArray ConfigTestDatabase::exportText(bool includeSecrets)
{
    return QJsonDocument(exportJson(includeSecrets)).toJson(QJsonDocument::Indented);
}

QJsonObject ConfigTestDatabase::storedConfig(const QString &source, const QString &env)
{
    return QJsonDocument::fromJson(
               scalar(u"SELECT config FROM source_configs WHERE source = ? AND env = ?"_s, {source, env}).toByteArray())
        .object();
}

QString ConfigTestDatabase::storedToken(const QString &source, const QString &env)
{
    return scalar(u"SELECT token FROM source_configs WHERE source = ? AND env = ?"_s, {source, env}).toString();
}

QStringList ConfigTestDatabase::workflowKeys(const QString &env)
{
    QStringList keys;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT key FROM workflows WHERE env = ? ORDER BY key"_s);
    q.addBindValue(env);
    if (!q.exec())
        return {u"query failed: "_s + q.lastError().text()};
    while (q.next())
        keys.append(q.value(0).toString());
    return keys;
}

QString ConfigTestDatabase::configurationDump()
{
    static const QStringList queries = {
        u"SELECT * FROM environments ORDER BY key"_s, u"SELECT * FROM workflows ORDER BY env, key"_s,
        u"SELECT * FROM sources ORDER BY key"_s,      u"SELECT * FROM source_configs ORDER BY source, env"_s,
        u"SELECT * FROM meta ORDER BY key"_s,
    };
    QString dump;
    for (const QString &sql : queries) {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            return u"query failed: "_s + q.lastError().text();
        dump += sql + u'\n';
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells.append(q.value(i).isNull() ? u"NULL"_s : q.value(i).toString());
            dump += cells.join(u" | "_s) + u'\n';
        }
    }
    return dump;
}

QVariant ConfigTestDatabase::scalar(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        qFatal("bad test query: %s", qPrintable(q.lastError().text()));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0);
}

QByteArray fileBytes(const QJsonObject &root)
{
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test JSON is broken: %s at offset %d", qPrintable(pe.errorString()), int(pe.offset));
    return doc.object();
}

} // namespace inlet::cfgtest
