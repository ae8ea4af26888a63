#include "store/Database.h"
#include "store/WalWriteCoalescer.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// Database::open installs the WAL write coalescer: a commit's frames reach
// the file in a few writes, and what is committed is what every other
// reader of the file sees, at once and after a reopen.
class TestWalCoalescer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void commitWritesFramesInFewCalls();
    void otherConnectionsSeeEachCommitAtOnce();
    void largeTransactionsSurviveReopen();
    void rollbackLeavesNothingBehind();

private:
    // Inserts `rows` rows of `bytes` bytes in one transaction.
    bool insertRows(int rows, int bytes, const QString &tag);
    qint64 countOnOtherConnection(const QString &tag);

    QTemporaryDir m_dir;
    QString m_path;
    QString m_name;
    QSqlDatabase m_db;
};

void TestWalCoalescer::init()
{
    static int n = 0;
    m_path = m_dir.filePath(u"wal-%1.sqlite"_s.arg(++n));
    m_name = Database::uniqueConnectionName(u"coalescer"_s);
    QString error;
    m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), m_name, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"PRAGMA wal_autocheckpoint=0"_s)); // frames stay in the WAL: readers must take them from there
    QVERIFY(q.exec(u"CREATE TABLE t (seq INTEGER PRIMARY KEY, tag TEXT, body BLOB)"_s));
}

void TestWalCoalescer::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(m_name);
}

bool TestWalCoalescer::insertRows(int rows, int bytes, const QString &tag)
{
    QSqlQuery q(m_db);
    if (!q.exec(u"BEGIN IMMEDIATE"_s))
        return false;
    q.prepare(u"INSERT INTO t (tag, body) VALUES (?, ?)"_s);
    for (int i = 0; i < rows; ++i) {
        q.addBindValue(tag);
        q.addBindValue(QByteArray(bytes, char('a' + i % 26)));
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return false;
        }
    }
    return q.exec(u"COMMIT"_s);
}

// Through SQLite's C API on a connection of its own (the checkpointer's and
// the CLI's kind), not through Qt.
qint64 TestWalCoalescer::countOnOtherConnection(const QString &tag)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(m_path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_stmt *stmt = nullptr;
    qint64 count = -1;
    const QByteArray sql = "SELECT count(*), sum(length(body)) FROM t WHERE tag = '" + tag.toUtf8() + "'";
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        count = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return count;
}

void TestWalCoalescer::commitWritesFramesInFewCalls()
{
    const WalWriteCoalescer::Stats before = WalWriteCoalescer::stats();
    QVERIFY(insertRows(100, 2000, u"few"_s)); // about 50 pages: 100 frame writes by SQLite
    const WalWriteCoalescer::Stats after = WalWriteCoalescer::stats();
    const qint64 requested = after.writesRequested - before.writesRequested;
    const qint64 issued = after.writesIssued - before.writesIssued;
    QVERIFY2(requested >= 100, qPrintable(u"SQLite asked for %1 WAL writes"_s.arg(requested)));
    // 31 frames per write at most (the unix VFS's 128 KiB limit).
    QVERIFY2(issued * 10 <= requested, qPrintable(u"%1 writes issued for %2 requested"_s.arg(issued).arg(requested)));
}

void TestWalCoalescer::otherConnectionsSeeEachCommitAtOnce()
{
    for (int round = 1; round <= 5; ++round) {
        const QString tag = u"round%1"_s.arg(round);
        QVERIFY(insertRows(round * 7, 900, tag));
        QCOMPARE(countOnOtherConnection(tag), qint64(round * 7));
    }
}

void TestWalCoalescer::largeTransactionsSurviveReopen()
{
    // Far past one 128 KiB write, and rows spanning overflow pages.
    QVERIFY(insertRows(400, 5000, u"large"_s));
    QCOMPARE(countOnOtherConnection(u"large"_s), qint64(400));
    cleanup();
    QString error;
    m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), m_name, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"SELECT count(*), sum(length(body)) FROM t WHERE tag = 'large'"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), qint64(400));
    QCOMPARE(q.value(1).toLongLong(), qint64(400 * 5000));
    QVERIFY(q.exec(u"PRAGMA integrity_check"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"ok"_s);
}

void TestWalCoalescer::rollbackLeavesNothingBehind()
{
    QVERIFY(insertRows(20, 3000, u"kept"_s));
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"PRAGMA cache_size=10"_s)); // spill frames to the WAL before the rollback
    QVERIFY(q.exec(u"BEGIN IMMEDIATE"_s));
    for (int i = 0; i < 200; ++i)
        QVERIFY(q.exec(u"INSERT INTO t (tag, body) VALUES ('dropped', randomblob(3000))"_s));
    QVERIFY(q.exec(u"ROLLBACK"_s));
    QVERIFY(insertRows(20, 3000, u"after"_s));
    QCOMPARE(countOnOtherConnection(u"dropped"_s), qint64(0));
    QCOMPARE(countOnOtherConnection(u"kept"_s), qint64(20));
    QCOMPARE(countOnOtherConnection(u"after"_s), qint64(20));
    QVERIFY(q.exec(u"PRAGMA integrity_check"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), u"ok"_s);
}

QTEST_GUILESS_MAIN(TestWalCoalescer)
#include "test_wal_coalescer.moc"
