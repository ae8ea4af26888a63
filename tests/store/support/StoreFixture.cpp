#include "support/StoreFixture.h"

#include "common/TestBackend.h"
#include "store/ActionExecutor.h"
#include "store/Database.h"
#include "store/DatabaseUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

StoreFixture::StoreFixture()
    : m_connection(inlet::Database::uniqueConnectionName(u"store-test"_s))
{}

StoreFixture::~StoreFixture()
{
    m_db = QSqlDatabase();
    inlet::Database::close(m_connection);
    inlet::test::TestBackend::drop(m_url);
}

QString StoreFixture::open()
{
    if (!m_dir.isValid())
        return u"no temporary directory"_s;
    QString error;
    m_url = inlet::test::TestBackend::freshUrl(m_dir.path());
    m_db = inlet::Database::open(m_url, m_connection, &error);
    if (!m_db.isValid())
        return error;
    if (!inlet::Database::migrate(m_db, &error))
        return error;
    return {};
}

inlet::ActionOutcome StoreFixture::run(inlet::ActionType type, const QJsonObject &payload, const QString &env)
{
    return inlet::ActionExecutor::execute(m_db, env, type, payload, {eventId, now, &m_ids});
}

void StoreFixture::addWorkflow(const QString &key, const QString &env)
{
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO workflows (env, key, name) VALUES (?, ?, ?)"_s);
    q.addBindValue(env);
    q.addBindValue(key);
    q.addBindValue(key.toUpper());
    if (!q.exec())
        qFatal("cannot add workflow: %s", qPrintable(q.lastError().text()));
}

QList<QVariantList> StoreFixture::rows(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        qFatal("bad test query: %s", qPrintable(q.lastError().text()));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec())
        qFatal("test query failed: %s", qPrintable(q.lastError().text()));
    QList<QVariantList> out;
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row << q.value(i);
        out << row;
    }
    return out;
}

QVariant StoreFixture::scalar(const QString &sql, const QVariantList &binds)
{
    const QList<QVariantList> r = rows(sql, binds);
    return r.isEmpty() ? QVariant() : r.first().value(0);
}

QJsonObject StoreFixture::object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (!doc.isObject())
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

QJsonValue StoreFixture::value(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson("[" + QByteArray(json) + "]");
    if (!doc.isArray() || doc.array().size() != 1)
        qFatal("bad test JSON value: %s", json);
    return doc.array().at(0);
}
