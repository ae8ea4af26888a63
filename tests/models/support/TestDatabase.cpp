#include "support/TestDatabase.h"

#include "common/TestBackend.h"
#include "logs/ActionRecord.h"
#include "logs/EventLog.h"
#include "store/Database.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

TestDatabase::TestDatabase()
    : m_url(TestBackend::freshUrl(m_dir.path()))
    , m_connection(Database::uniqueConnectionName(u"test"_s))
{
    QString error;
    m_db = Database::open(url(), m_connection, &error);
    if (m_db.isValid())
        Database::migrate(m_db, &error);
    if (!error.isEmpty())
        qWarning("test database: %s", qPrintable(error));
}

TestDatabase::~TestDatabase()
{
    m_db.close();
    m_db = QSqlDatabase();
    Database::close(m_connection);
    TestBackend::drop(m_url);
}

DatabaseUrl TestDatabase::url() const
{
    return m_url;
}

QStringList TestDatabase::insertEvents(int count, const QString &env, const QString &source, const QStringList &types,
                                       const QStringList &statuses, qint64 startMs)
{
    QStringList ids;
    EventLog log(m_db);
    m_db.transaction();
    for (int i = 0; i < count; ++i) {
        EventRecord e;
        e.id = u"evt_%1"_s.arg(++m_serial, 10, 10, QLatin1Char('0'));
        e.receivedAt = startMs + i;
        e.env = env;
        e.source = source;
        e.eventType = types.at(i % types.size());
        e.status = statuses.at(i % statuses.size());
        e.method = u"POST"_s;
        e.path = u"/integrations/receive/tok"_s;
        e.headers = QJsonObject{{u"content-type"_s, u"application/json"_s}};
        e.body = u"{\"type\":\"%1\",\"n\":%2,\"customer\":\"cus_%3\"}"_s.arg(e.eventType).arg(i).arg(i % 7).toUtf8();
        QString error;
        if (!log.insertEvent(e, &error))
            qWarning("insert: %s", qPrintable(error));
        ids.append(e.id);
    }
    m_db.commit();
    return ids;
}

QStringList TestDatabase::insertEvents(int count, const QString &status)
{
    return insertEvents(count, u"development"_s, u"a"_s, {u"t"_s}, {status});
}

bool TestDatabase::insertAction(const QString &eventId, const QString &env, const QString &source,
                                const QString &status)
{
    ActionRecord a;
    a.id = u"act_%1"_s.arg(++m_serial, 10, 10, QLatin1Char('0'));
    a.eventId = eventId;
    a.env = env;
    a.source = source;
    a.eventType = u"t"_s;
    a.actionType = u"users_identify"_s;
    a.status = status;
    a.executedAt = 1700000000000;
    a.actionPayload = QJsonObject{{u"id"_s, u"user_1"_s}};
    return EventLog(m_db).insertAction(a, nullptr);
}

} // namespace inlet::test
