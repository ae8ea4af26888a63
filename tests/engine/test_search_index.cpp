// Text and path search through the FTS5 index, time filters through seq
// bounds, and retention keeping the index consistent.

#include "logs/EventLog.h"
#include "logs/SearchIndex.h"
#include "store/Database.h"
#include "store/SqlExec.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::EventLog;
using inlet::EventRecord;
using inlet::LogFilter;
using inlet::SearchIndex;

namespace {

constexpr qint64 kT0 = 1714564800000; // 2024-05-01T12:00:00Z
constexpr qint64 kHour = 3600 * 1000;

} // namespace

class TestSearchIndex : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_connection = inlet::Database::uniqueConnectionName(u"test-search"_s);
    QSqlDatabase m_db;
    int m_next = 0;

    void add(const QByteArray &body, qint64 receivedAt, const QString &env = u"production"_s)
    {
        EventRecord e;
        e.id = u"evt_%1"_s.arg(++m_next, 4, 10, QChar(u'0'));
        e.receivedAt = receivedAt;
        e.env = env;
        e.source = u"shop"_s;
        e.body = body;
        e.size = body.size();
        QString error;
        QVERIFY2(EventLog(m_db).insertEvent(e, &error), qPrintable(error));
    }

    int indexAll()
    {
        QString error;
        int total = 0;
        for (;;) {
            const int n = SearchIndex::indexMore(m_db, 3, 1 << 30, &error); // small steps: the watermark moves
            if (n < 0)
                qFatal("indexMore: %s", qPrintable(error));
            if (n == 0)
                return total;
            total += n;
        }
    }

    QStringList ids(const LogFilter &f)
    {
        QString error;
        QStringList out;
        const QList<EventRecord> events = EventLog(m_db).events(f, false, &error);
        if (!error.isEmpty())
            qWarning("events: %s", qPrintable(error));
        for (const EventRecord &e : events)
            out.prepend(e.id); // oldest first reads better in the expectations
        return out;
    }

    LogFilter search(const QString &text)
    {
        LogFilter f;
        f.env = u"production"_s;
        f.search = text;
        return f;
    }

    // Index entries for a word, whether or not their event still exists.
    int indexed(const QString &word)
    {
        QSqlQuery q(m_db);
        q.prepare(u"SELECT count(*) FROM events_fts WHERE events_fts MATCH ?"_s);
        q.addBindValue(word);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_db = inlet::Database::open(inlet::DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"inlet.sqlite"_s)),
                                     m_connection, &error);
        QVERIFY2(m_db.isValid(), qPrintable(error));
        QVERIFY2(inlet::Database::migrate(m_db, &error), qPrintable(error));
        add(R"({"type":"customer.created","email":"customer00042@example.com","id":"cus_00042"})", kT0);
        add(R"({"type":"track","event":"Order Completed","userId":"u_1"})", kT0 + 1 * kHour);
        add(R"({"type":"track","event":"Order Refunded","userId":"u_2"})", kT0 + 2 * kHour);
        add(R"({"type":"invoice.paid","customer":"cus_00042","amount":4200})", kT0 + 3 * kHour);
        add(R"({"type":"invoice.paid","customer":"cus_00043","amount":1000})", kT0 + 4 * kHour);
        add(R"({"type":"track","event":"Order Completed","userId":"u_9"})", kT0 + 5 * kHour, u"development"_s);
    }

    void cleanup()
    {
        m_db = QSqlDatabase();
        inlet::Database::close(m_connection);
        m_next = 0;
        QVERIFY(QFile::remove(m_dir.filePath(u"inlet.sqlite"_s)));
        QFile::remove(m_dir.filePath(u"inlet.sqlite-wal"_s));
        QFile::remove(m_dir.filePath(u"inlet.sqlite-shm"_s));
    }

    void matchExpressions_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("expression");
        QTest::newRow("one word is a prefix") << u"Refund"_s << u"\"Refund\"*"_s;
        QTest::newRow("whole words narrow, the trailing part is left to instr")
            << u"customer00042@example.com"_s << u"\"customer00042\" \"example\""_s;
        QTest::newRow("id with separator") << u"cus_00042"_s << u"\"cus\""_s;
        QTest::newRow("short prefix cannot narrow") << u"ab"_s << QString();
        QTest::newRow("no words") << u"{}:"_s << QString();
        QTest::newRow("quotes never reach the query") << u"\"Order\" Completed"_s << u"\"Order\""_s;
    }

    void matchExpressions()
    {
        QFETCH(QString, search);
        QFETCH(QString, expression);
        QCOMPARE(SearchIndex::matchExpression(search), expression);
    }

    void searchFindsTheSameBeforeAndAfterIndexing()
    {
        const QStringList before = ids(search(u"cus_00042"_s));
        QCOMPARE(before, (QStringList{u"evt_0001"_s, u"evt_0004"_s}));
        QCOMPARE(indexAll(), 6);
        QCOMPARE(ids(search(u"cus_00042"_s)), before);
        QCOMPARE(ids(search(u"Order Completed"_s)), QStringList{u"evt_0002"_s});
        QCOMPARE(ids(search(u"customer00042@example.com"_s)), QStringList{u"evt_0001"_s});
        QCOMPARE(ids(search(u"Refund"_s)), QStringList{u"evt_0003"_s});
        QCOMPARE(ids(search(u"no-such-text"_s)), QStringList{});
        // Case-sensitive, as before the index.
        QCOMPARE(ids(search(u"order completed"_s)), QStringList{});
        QCOMPARE(EventLog(m_db).countEvents(search(u"cus_00042"_s)), 2);
    }

    // A step ends at its byte budget (bodies as received), after at least
    // one event: 20 KB bodies must not make a step of 256 events.
    void aStepEndsAtItsByteBudget()
    {
        QSqlQuery q(m_db);
        QVERIFY(q.exec(u"SELECT size FROM events ORDER BY seq LIMIT 1"_s) && q.next());
        const qint64 first = q.value(0).toLongLong();
        QVERIFY(first > 10);
        QString error;
        QCOMPARE(SearchIndex::indexMore(m_db, 100, first + 1, &error), 2);
        QCOMPARE(SearchIndex::indexMore(m_db, 100, 1, &error), 1);
        QCOMPARE(SearchIndex::indexMore(m_db, 2, 1 << 30, &error), 2); // the count still bounds it
        QCOMPARE(SearchIndex::indexMore(m_db, 100, 1 << 30, &error), 1);
        QCOMPARE(SearchIndex::indexMore(m_db, 100, 1 << 30, &error), 0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ids(search(u"cus_00042"_s)), (QStringList{u"evt_0001"_s, u"evt_0004"_s}));
    }

    void indexedSearchStartsAtWords()
    {
        QCOMPARE(ids(search(u"us_00042"_s)).size(), 2); // not indexed yet: a plain substring test
        indexAll();
        QCOMPARE(ids(search(u"us_00042"_s)), QStringList{}); // documented: matches start at a word
    }

    void eventsAfterTheWatermarkAreSearchedDirectly()
    {
        indexAll();
        add(R"({"type":"track","event":"Order Completed","userId":"u_10"})", kT0 + 6 * kHour);
        QCOMPARE(ids(search(u"Order Completed"_s)), (QStringList{u"evt_0002"_s, u"evt_0007"_s}));
        QCOMPARE(indexAll(), 1);
        QCOMPARE(ids(search(u"Order Completed"_s)), (QStringList{u"evt_0002"_s, u"evt_0007"_s}));
    }

    void pathFilterUsesTheIndexAndStaysExact()
    {
        indexAll();
        LogFilter f;
        f.env = u"production"_s;
        QString error;
        QVERIFY(f.setWhere(u"body.customer=\"cus_00042\""_s, &error));
        QCOMPARE(ids(f), QStringList{u"evt_0004"_s}); // evt_0001 holds the words, not at that path
        QVERIFY(f.setWhere(u"body.amount=4200"_s, &error));
        QCOMPARE(ids(f), QStringList{u"evt_0004"_s});
        QVERIFY(f.setWhere(u"body.amount=4.2e3"_s, &error)); // numbers bypass the index
        QCOMPARE(ids(f), QStringList{u"evt_0004"_s});
    }

    void timeFiltersAreExact()
    {
        LogFilter f;
        f.env = u"production"_s;
        f.sinceMs = kT0 + 1 * kHour;
        f.untilMs = kT0 + 3 * kHour;
        QCOMPARE(ids(f), (QStringList{u"evt_0002"_s, u"evt_0003"_s}));
        QCOMPARE(EventLog(m_db).countEvents(f), 2);
        f.sinceMs = kT0 + 4 * kHour + 1;
        f.untilMs = 0;
        QCOMPARE(ids(f), QStringList{});
        f.sinceMs = 0;
        f.untilMs = kT0 + 1;
        QCOMPARE(ids(f), QStringList{u"evt_0001"_s});
    }

    void retentionRemovesEventsFromTheIndex()
    {
        indexAll();
        QCOMPARE(indexed(u"Completed"_s), 2);
        QString error;
        QVERIFY(inlet::sqlExec(m_db, u"BEGIN IMMEDIATE"_s, &error));
        QVERIFY(EventLog(m_db).deleteOlderThan(kT0 + 2 * kHour, 1000, &error) >= 2);
        QVERIFY(inlet::sqlExec(m_db, u"COMMIT"_s, &error));
        QCOMPARE(indexed(u"Completed"_s), 1); // the development event of 17:00 stays
        QCOMPARE(indexed(u"customer00042"_s), 0);
        QCOMPARE(indexed(u"Refunded"_s), 1); // received at 14:00, the cut-off: kept
        QCOMPARE(ids(search(u"Order Completed"_s)), QStringList{});
        QCOMPARE(ids(search(u"cus_00042"_s)), QStringList{u"evt_0004"_s});
    }
};

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "test_search_index.moc"
