#include "ingest/WalCheckpointer.h"
#include "store/Database.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// SqlStatement drives SQLite through its C API on Qt's connection: it must
// bind and read exactly what the QSqlQuery path did, and leave the
// connection closable.
class TestSqliteNative : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bindsWhatQtSqlBound();
    void readsTypedValues();
    void insertedSeqAndRowsAffected();
    void rebindingAfterExecStartsOver();
    void nestedUseOfTheSameSql();
    void errorsThrowWithTheDatabaseMessage();
    void closingLeavesNoWal_data();
    void closingLeavesNoWal();
    void checkpointsOffTheWriterThread();
    void walStartsOverUnderSustainedWrites();
    void aReaderOnAnOldSnapshotDoesNotMakeEveryCommitCheckpoint();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_name;
    QSqlDatabase m_db;
};

void TestSqliteNative::init()
{
    static int n = 0; // one file per test function and data row
    m_path = m_dir.filePath(u"native-%1-%2.sqlite"_s.arg(QLatin1StringView(QTest::currentTestFunction())).arg(++n));
    m_name = Database::uniqueConnectionName(u"native"_s);
    QString error;
    m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), m_name, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"CREATE TABLE t (seq INTEGER PRIMARY KEY, s TEXT, n INTEGER, d REAL, b BLOB)"_s));
}

void TestSqliteNative::cleanup()
{
    m_db = QSqlDatabase();
    Database::close(m_name);
}

void TestSqliteNative::bindsWhatQtSqlBound()
{
    SqlStatement insert(m_db, u"INSERT INTO t (s, n, d, b) VALUES (?, ?, ?, ?)"_s);
    insert.bind(QString()).bind(QVariant()).bind(QVariant(QMetaType::fromType<double>())).bind(QByteArray());
    insert.exec();
    insert.bind(u""_s).bind(true).bind(2.5).bind(QByteArray("\0x"_ba));
    insert.exec();
    insert.bindText(u"caf\u00e9 \U0001F600"_s).bind(qint64(1) << 40).bind(-0.5).bindUtf8(QByteArray());
    insert.exec();
    insert.bindNonNull(QString()).bind(7).bind(0).bindUtf8("{\"k\":1}"_ba);
    insert.exec();

    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"SELECT s IS NULL, n IS NULL, d IS NULL, b IS NULL, typeof(s), typeof(b), s, n, d, length(b)"
                   " FROM t ORDER BY seq"_s));
    QVERIFY(q.next()); // null QString, invalid and typed-null variants, null bytes: all NULL
    QCOMPARE(q.value(0).toInt() + q.value(1).toInt() + q.value(2).toInt() + q.value(3).toInt(), 4);
    QVERIFY(q.next()); // an empty string is not NULL; bool as 1; bytes as a BLOB
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(q.value(4).toString(), u"text"_s);
    QCOMPARE(q.value(5).toString(), u"blob"_s);
    QCOMPARE(q.value(7).toLongLong(), 1);
    QCOMPARE(q.value(8).toDouble(), 2.5);
    QCOMPARE(q.value(9).toInt(), 2);
    QVERIFY(q.next()); // text round-trips, UTF-8 bound as text
    QCOMPARE(q.value(6).toString(), u"caf\u00e9 \U0001F600"_s);
    QCOMPARE(q.value(7).toLongLong(), qint64(1) << 40);
    QCOMPARE(q.value(3).toInt(), 1);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(q.value(6).toString(), u""_s);
    QCOMPARE(q.value(5).toString(), u"text"_s); // bindUtf8 binds text, never a BLOB
}

void TestSqliteNative::readsTypedValues()
{
    QSqlQuery seed(m_db);
    QVERIFY(
        seed.exec(u"INSERT INTO t (s, n, d, b) VALUES ('\u00fcber', 42, 1.25, x'00ff'), (NULL, NULL, NULL, NULL)"_s));
    SqlStatement q(m_db, u"SELECT s, n, d, b FROM t ORDER BY seq"_s);
    q.exec();
    QVERIFY(q.next());
    QCOMPARE(q.text(0), u"\u00fcber"_s);
    QCOMPARE(q.value(1).toLongLong(), 42);
    QCOMPARE(q.integer(1), 42);
    QCOMPARE(q.value(2).toDouble(), 1.25);
    QCOMPARE(q.value(3).toByteArray(), QByteArray("\x00\xff", 2));
    QVERIFY(q.next());
    QVERIFY(q.text(0).isNull());
    QVERIFY(q.value(1).isNull());
    QVERIFY(!q.next());
    QVERIFY(!q.next());
}

void TestSqliteNative::insertedSeqAndRowsAffected()
{
    SqlStatement a(m_db, u"INSERT INTO t (s) VALUES (?)"_s);
    a.bind(u"x"_s).exec();
    QCOMPARE(a.insertedSeq(), 1);
    SqlStatement b(m_db, u"INSERT INTO t (s) VALUES (?) RETURNING seq"_s);
    b.bind(u"y"_s).exec();
    QCOMPARE(b.insertedSeq(), 2);
    SqlStatement u(m_db, u"UPDATE t SET n = 1 WHERE seq <= ?"_s);
    u.bind(2).exec();
    QCOMPARE(u.rowsAffected(), 2);
}

void TestSqliteNative::rebindingAfterExecStartsOver()
{
    SqlStatement insert(m_db, u"INSERT INTO t (n) VALUES (?)"_s);
    for (int i = 1; i <= 3; ++i)
        insert.bind(i).exec();
    SqlStatement sum(m_db, u"SELECT sum(n), count(*) FROM t"_s);
    sum.exec();
    QVERIFY(sum.next());
    QCOMPARE(sum.integer(0), 6);
    QCOMPARE(sum.integer(1), 3);
}

void TestSqliteNative::nestedUseOfTheSameSql()
{
    QSqlQuery seed(m_db);
    QVERIFY(seed.exec(u"INSERT INTO t (n) VALUES (1), (2)"_s));
    const QString sql = u"SELECT n FROM t WHERE n >= ? ORDER BY n"_s;
    SqlStatement outer(m_db, sql);
    outer.bind(1).exec();
    QVERIFY(outer.next());
    {
        SqlStatement inner(m_db, sql); // the cached statement is leased: a fresh one
        inner.bind(2).exec();
        QVERIFY(inner.next());
        QCOMPARE(inner.integer(0), 2);
    }
    QCOMPARE(outer.integer(0), 1);
    QVERIFY(outer.next());
    QCOMPARE(outer.integer(0), 2);
}

void TestSqliteNative::errorsThrowWithTheDatabaseMessage()
{
    try {
        SqlStatement bad(m_db, u"SELECT nope FROM t"_s);
        QFAIL("a statement that does not compile must throw");
    } catch (const StoreFailure &f) {
        QVERIFY2(f.message().contains(u"no such column: nope"_s), qPrintable(f.message()));
    }
    SqlStatement unique(m_db, u"INSERT INTO t (seq) VALUES (?)"_s);
    unique.bind(1).exec();
    try {
        unique.bind(1).exec();
        QFAIL("a constraint violation must throw");
    } catch (const StoreFailure &f) {
        QVERIFY2(f.message().contains(u"UNIQUE constraint failed"_s), qPrintable(f.message()));
    }
    unique.bind(2).exec(); // usable after a failure
    QCOMPARE(unique.insertedSeq(), 2);
}

void TestSqliteNative::closingLeavesNoWal_data()
{
    QTest::addColumn<bool>("qtClosesFirst");
    QTest::newRow("Database::close") << false;
    // QSqlDatabase::close() first: Qt's sqlite3_close() fails while the
    // cached statement lives and forgets the handle; Database::close must
    // still close it (else the file stays open, its WAL behind, its memory
    // leaked).
    QTest::newRow("QSqlDatabase::close first") << true;
}

void TestSqliteNative::closingLeavesNoWal()
{
    QFETCH(bool, qtClosesFirst);
    {
        SqlStatement insert(m_db, u"INSERT INTO t (s) VALUES (?)"_s);
        insert.bind(u"kept"_s).exec();
    }
    QVERIFY(QFile::exists(m_path + u"-wal"_s));
    // The cached native statement is alive until the connection closes; it
    // must be finalized first, or sqlite3_close() fails.
    if (qtClosesFirst)
        m_db.close();
    m_db = QSqlDatabase();
    Database::close(m_name);
    QVERIFY(!QFile::exists(m_path + u"-wal"_s));
    QString error;
    m_db = Database::open(DatabaseUrl::parse(u"sqlite:"_s + m_path), m_name, &error);
    QVERIFY2(m_db.isValid(), qPrintable(error));
    SqlStatement read(m_db, u"SELECT s FROM t"_s);
    read.exec();
    QVERIFY(read.next());
    QCOMPARE(read.text(0), u"kept"_s);
}

void TestSqliteNative::checkpointsOffTheWriterThread()
{
    auto checkpointer = std::make_unique<WalCheckpointer>(m_path, Database::sqliteHandle(m_db), 16);
    QVERIFY(checkpointer->isRunning());
    const QByteArray row(2000, 'x');
    for (int i = 0; i < 400; ++i) {
        SqlStatement insert(m_db, u"INSERT INTO t (s) VALUES (?)"_s);
        insert.bindUtf8(row).exec();
    }
    QTRY_VERIFY(checkpointer->checkpoints() > 0);
    // The checkpointer's own connection copied the rows into the database
    // file: the writer never checkpoints while the hook is installed, so
    // the file stays at its initial pages unless the checkpoints did work.
    // (A connection that has not read the database yet does not know it is
    // in WAL mode: its checkpoints returned SQLITE_OK and copied nothing.)
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(m_path).size() > 400 * 2000, 5000);
    checkpointer.reset(); // hands checkpoints back to the writer
    SqlStatement count(m_db, u"SELECT count(*) FROM t"_s);
    count.exec();
    QVERIFY(count.next());
    QCOMPARE(count.integer(0), 400);
}

void TestSqliteNative::walStartsOverUnderSustainedWrites()
{
    // Back-to-back commits never leave the thread's checkpoint complete at
    // the start of a transaction, so without the writer's catch-up the WAL
    // only grows: 3,000 rows of 2 KB are ~6 MB of frames.
    constexpr int kRestartFrames = 64;
    auto checkpointer = std::make_unique<WalCheckpointer>(m_path, Database::sqliteHandle(m_db), 16, kRestartFrames);
    QVERIFY(checkpointer->isRunning());
    const QByteArray row(2000, 'x');
    qint64 largest = 0;
    for (int i = 0; i < 3000; ++i) {
        SqlStatement insert(m_db, u"INSERT INTO t (s) VALUES (?)"_s);
        insert.bindUtf8(row).exec();
        largest = qMax(largest, QFileInfo(m_path + u"-wal"_s).size());
    }
    QVERIFY(checkpointer->catchUps() > 0);
    // At most four times the restart length (the writer copies everything
    // once the thread is that far behind), plus a commit's frames.
    QVERIFY2(largest < 5 * kRestartFrames * 4120, qPrintable(QString::number(largest)));
    checkpointer.reset();
    SqlStatement count(m_db, u"SELECT count(*) FROM t"_s);
    count.exec();
    QVERIFY(count.next());
    QCOMPARE(count.integer(0), 3000);
}

void TestSqliteNative::aReaderOnAnOldSnapshotDoesNotMakeEveryCommitCheckpoint()
{
    // A long read (an export, a reader left in a transaction) keeps the WAL
    // from starting over; the writer then retries a quarter length later,
    // not at every commit (each try is a checkpoint with two fsyncs).
    constexpr int kRestartFrames = 64;
    auto checkpointer = std::make_unique<WalCheckpointer>(m_path, Database::sqliteHandle(m_db), 16, kRestartFrames);
    sqlite3 *reader = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(m_path).constData(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM t;", nullptr, nullptr, nullptr), SQLITE_OK);
    const QByteArray row(2000, 'x');
    constexpr int kCommits = 1000;
    for (int i = 0; i < kCommits; ++i) {
        SqlStatement insert(m_db, u"INSERT INTO t (s) VALUES (?)"_s);
        insert.bindUtf8(row).exec();
    }
    const int tries = checkpointer->writerCheckpoints();
    QVERIFY2(tries > 0 && tries < kCommits / 4, qPrintable(QString::number(tries)));
    QCOMPARE(sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(reader);
}

QTEST_GUILESS_MAIN(TestSqliteNative)
#include "test_sqlite_native.moc"
