#include "store/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// Database::open turns off SQLite's allocation counts, which cost a
// process-wide mutex per allocation: after real work on a real file the
// counts stay at zero.
class TestSqliteMemoryCounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allocationsAreNotCounted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString name = Database::uniqueConnectionName(u"counts"_s);
        QString error;
        {
            QSqlDatabase db =
                Database::open(DatabaseUrl::parse(u"sqlite:"_s + dir.filePath(u"counts.sqlite"_s)), name, &error);
            QVERIFY2(db.isValid() && db.isOpen(), qPrintable(error));
            QSqlQuery q(db);
            QVERIFY2(q.exec(u"CREATE TABLE t (k TEXT PRIMARY KEY, v BLOB)"_s), qPrintable(q.lastError().text()));
            QVERIFY(db.transaction());
            QVERIFY(q.prepare(u"INSERT INTO t (k, v) VALUES (?, randomblob(2000))"_s));
            for (int i = 0; i < 2000; ++i) {
                q.addBindValue(u"key-%1"_s.arg(i * 7919 % 2000));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(db.commit());
            QVERIFY(q.exec(u"SELECT count(*), sum(length(v)) FROM t"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 2000);
            QCOMPARE(q.value(1).toLongLong(), 2000 * 2000);
        }
        // Counted, these would hold the page cache and the statements.
        QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
        QCOMPARE(sqlite3_memory_highwater(0), sqlite3_int64(0));
        Database::close(name);
    }
};

QTEST_GUILESS_MAIN(TestSqliteMemoryCounts)
#include "test_sqlite_memory_counts.moc"
