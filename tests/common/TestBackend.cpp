#include "common/TestBackend.h"

#include "store/Database.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

bool TestBackend::postgres()
{
    return qEnvironmentVariable("INLET_TEST_BACKEND") == u"postgres"_s;
}

QString TestBackend::postgresUrl()
{
    return qEnvironmentVariable("INLET_TEST_POSTGRES_URL");
}

QString TestBackend::freshUrlText(const QString &dir)
{
    if (!postgres())
        return u"sqlite:"_s + QDir(dir).filePath(u"inlet.sqlite"_s);
    const QString base = postgresUrl();
    if (base.isEmpty())
        qFatal("INLET_TEST_BACKEND=postgres needs INLET_TEST_POSTGRES_URL (tests/pg/run-server.sh start prints it)");
    // A schema per database: cheaper than CREATE DATABASE, and dropped whole.
    static QAtomicInteger<int> counter;
    const QString schema = u"t_%1_%2_%3"_s.arg(QCoreApplication::applicationPid())
                               .arg(counter.fetchAndAddRelaxed(1))
                               .arg(QRandomGenerator::global()->bounded(1000000));
    return base + (base.contains(u'?') ? u"&schema="_s : u"?schema="_s) + schema;
}

DatabaseUrl TestBackend::freshUrl(const QString &dir)
{
    return DatabaseUrl::parse(freshUrlText(dir));
}

void TestBackend::drop(const DatabaseUrl &url)
{
    if (url.kind != DatabaseUrl::Kind::Postgres || url.schema.isEmpty())
        return;
    DatabaseUrl admin = url;
    admin.schema.clear();
    const QString name = Database::uniqueConnectionName(u"test-drop"_s);
    {
        QString error;
        QSqlDatabase db = Database::open(admin, name, &error);
        if (db.isValid()) {
            QSqlQuery q(db);
            if (!q.exec(u"DROP SCHEMA IF EXISTS "_s + url.schema + u" CASCADE"_s))
                qWarning("cannot drop test schema %s: %s", qPrintable(url.schema), qPrintable(q.lastError().text()));
        }
    }
    Database::close(name);
}

} // namespace inlet::test
