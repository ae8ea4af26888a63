#include "store/Database.h"
#include "store/SqlitePageCache.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// Database::open puts SqlitePageCache over SQLite's page cache. A commit on
// a growing database must not reach pcache1's truncation (its full scan),
// even after rebalancing lent a page the lock-byte page's number; a
// rollback, which leaves pages past the end, must; and what is committed
// reads back whole on this connection and on a fresh one.
class TestSqlitePageCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void growingCommitsSkipTheScan();
    void rollbackDropsPagesPastTheEnd();
    void savepointRollbackDropsPagesPastTheEnd();

private:
    bool exec(const QString &sql);
    qint64 scalar(const QString &sql, QSqlDatabase db = {});
    // Inserts `rows` rows tagged `tag`, with random index keys so that
    // pages split all over the index.
    bool insertRows(int rows, const QString &tag);
    void checkContents(const QHash<QString, qint64> &expected);

    QTemporaryDir m_dir;
    QString m_path;
    QString m_name;
    QSqlDatabase m_db;
};

void TestSqlitePageCache::init()
{
    static int n = 0;
    m_path = m_dir.filePath(u"pcache-%1.sqlite"_s.arg(++n));
    m_name = Database::uniqueConnectionName(u"pcache"_s);
    QString error;
    m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), m_name, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QVERIFY(SqlitePageCache::installed());
    QVERIFY(exec(u"CREATE TABLE t (seq INTEGER PRIMARY KEY, tag TEXT NOT NULL, k TEXT NOT NULL, v BLOB)"_s));
    QVERIFY(exec(u"CREATE INDEX t_k ON t (k)"_s));
    QVERIFY(exec(u"CREATE INDEX t_tag ON t (tag, k)"_s));
}

void TestSqlitePageCache::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(m_name);
}

bool TestSqlitePageCache::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        qWarning() << sql << q.lastError().text();
        return false;
    }
    return true;
}

qint64 TestSqlitePageCache::scalar(const QString &sql, QSqlDatabase db)
{
    QSqlQuery q(db.isValid() ? db : m_db);
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

bool TestSqlitePageCache::insertRows(int rows, const QString &tag)
{
    QSqlQuery q(m_db);
    q.prepare(u"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) "
              "INSERT INTO t (tag, k, v) SELECT ?, hex(randomblob(24)), randomblob(200) FROM c"_s);
    q.addBindValue(rows);
    q.addBindValue(tag);
    if (!q.exec()) {
        qWarning() << q.lastError().text();
        return false;
    }
    return true;
}

void TestSqlitePageCache::checkContents(const QHash<QString, qint64> &expected)
{
    const QString other = Database::uniqueConnectionName(u"pcache-reader"_s);
    {
        QString error;
        QSqlDatabase reader = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), other, &error);
        QVERIFY2(reader.isValid(), qPrintable(error));
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            const QString sql = u"SELECT count(*) FROM t WHERE tag = '%1'"_s.arg(it.key());
            QCOMPARE(scalar(sql), it.value());
            QCOMPARE(scalar(sql, reader), it.value());
            // Through the index as well as the table.
            QCOMPARE(scalar(u"SELECT count(*) FROM t INDEXED BY t_tag WHERE tag = '%1'"_s.arg(it.key()), reader),
                     it.value());
        }
        QSqlQuery check(reader);
        QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
        QCOMPARE(check.value(0).toString(), u"ok"_s);
    }
    Database::close(other);
}

void TestSqlitePageCache::growingCommitsSkipTheScan()
{
    const SqlitePageCache::Stats before = SqlitePageCache::stats();
    for (int i = 0; i < 60; ++i) {
        QVERIFY(exec(u"BEGIN IMMEDIATE"_s));
        QVERIFY(insertRows(150, u"grow"_s));
        QVERIFY(exec(u"COMMIT"_s));
    }
    const SqlitePageCache::Stats after = SqlitePageCache::stats();
    QVERIFY(scalar(u"PRAGMA page_count"_s) > 500);
    QVERIFY2(after.truncations - before.truncations >= 60, "every commit ends with a truncation");
    // Splits lent pages the lock-byte page's number: pcache1 alone would
    // have walked its whole cache at those commits.
    QVERIFY2(after.borrowed > before.borrowed, "no rebalancing swapped page numbers: the case is not exercised");
    QCOMPARE(after.passedOn - before.passedOn, 0);
    checkContents({{u"grow"_s, 60 * 150}});
}

void TestSqlitePageCache::rollbackDropsPagesPastTheEnd()
{
    QVERIFY(insertRows(2000, u"kept"_s));
    const qint64 pages = scalar(u"PRAGMA page_count"_s);

    const SqlitePageCache::Stats before = SqlitePageCache::stats();
    QVERIFY(exec(u"BEGIN IMMEDIATE"_s));
    QVERIFY(insertRows(5000, u"undone"_s));
    QVERIFY(scalar(u"PRAGMA page_count"_s) > pages + 100);
    QVERIFY(exec(u"ROLLBACK"_s));
    QVERIFY2(SqlitePageCache::stats().passedOn > before.passedOn, "the rollback's pages past the end stayed cached");
    QCOMPARE(scalar(u"PRAGMA page_count"_s), pages);

    // The same page numbers are used again, for other rows.
    QVERIFY(exec(u"BEGIN IMMEDIATE"_s));
    QVERIFY(insertRows(5000, u"after"_s));
    QVERIFY(exec(u"COMMIT"_s));
    checkContents({{u"kept"_s, 2000}, {u"undone"_s, 0}, {u"after"_s, 5000}});
}

void TestSqlitePageCache::savepointRollbackDropsPagesPastTheEnd()
{
    QVERIFY(insertRows(2000, u"kept"_s));
    const SqlitePageCache::Stats before = SqlitePageCache::stats();
    QVERIFY(exec(u"BEGIN IMMEDIATE"_s));
    QVERIFY(insertRows(500, u"before-savepoint"_s));
    QVERIFY(exec(u"SAVEPOINT action"_s));
    QVERIFY(insertRows(5000, u"undone"_s));
    QVERIFY(exec(u"ROLLBACK TO SAVEPOINT action"_s));
    QVERIFY(exec(u"RELEASE SAVEPOINT action"_s));
    QVERIFY(exec(u"COMMIT"_s));
    QVERIFY2(SqlitePageCache::stats().passedOn > before.passedOn, "the savepoint's pages past the end stayed cached");

    QVERIFY(exec(u"BEGIN IMMEDIATE"_s));
    QVERIFY(insertRows(5000, u"after"_s));
    QVERIFY(exec(u"COMMIT"_s));
    checkContents({{u"kept"_s, 2000}, {u"before-savepoint"_s, 500}, {u"undone"_s, 0}, {u"after"_s, 5000}});
}

QTEST_GUILESS_MAIN(TestSqlitePageCache)
#include "test_sqlite_page_cache.moc"
