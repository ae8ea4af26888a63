// EventLog::accepted: which of the events a processing transaction took
// from memory are still to be processed (SPEC 5: each event once, whoever
// else shares the database).
#include "common/TestBackend.h"
#include "logs/EventLog.h"
#include "store/Database.h"
#include "store/SqlDialect.h"
#include "store/SqlExec.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::Database;
using inlet::EventLog;
using inlet::test::TestBackend;

class TestProcessingClaim : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    inlet::DatabaseUrl m_url;
    QString m_connection = Database::uniqueConnectionName(u"test-claim"_s);
    QString m_other = Database::uniqueConnectionName(u"test-claim-other"_s);
    QSqlDatabase m_db;
    QList<qint64> m_seqs; // e1..e6

    qint64 add(const QString &id)
    {
        inlet::EventRecord e;
        e.id = id;
        e.receivedAt = 1714564800000;
        e.env = u"development"_s;
        e.source = u"app"_s;
        e.body = "{}";
        QString error;
        if (!EventLog(m_db).insertEvent(e, &error))
            qFatal("insertEvent: %s", qPrintable(error));
        return e.seq;
    }

    void setStatus(qint64 seq, const QString &status)
    {
        QSqlQuery q(m_db);
        q.prepare(u"UPDATE events SET status = ? WHERE seq = ?"_s);
        q.addBindValue(status);
        q.addBindValue(seq);
        QVERIFY(q.exec());
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_url = TestBackend::freshUrl(m_dir.path());
        m_db = Database::open(m_url, m_connection, &error);
        QVERIFY2(m_db.isValid(), qPrintable(error));
        QVERIFY2(Database::migrate(m_db, &error), qPrintable(error));
        m_seqs.clear();
        static int round = 0; // the SQLite file is the directory's, test after test
        ++round;
        for (int i = 1; i <= 6; ++i)
            m_seqs.append(add(u"evt_claim_%1_%2"_s.arg(round).arg(i)));
    }

    void cleanup()
    {
        m_db = QSqlDatabase();
        Database::close(m_connection);
        Database::close(m_other);
        TestBackend::drop(m_url);
    }

    // Processed by someone else, or not asked about (another writer's event
    // between this one's), is left out.
    void leavesOutWhatIsProcessedOrNotAsked()
    {
        setStatus(m_seqs[1], u"processed"_s);
        setStatus(m_seqs[4], u"failed"_s);
        const QList<qint64> asked{m_seqs[0], m_seqs[1], m_seqs[3], m_seqs[4], m_seqs[5]}; // not e3
        QString error;
        QVERIFY(inlet::SqlDialect::of(m_db).begin(m_db, inlet::SqlDialect::Commit::Relaxed, &error));
        const QSet<qint64> got = EventLog(m_db).accepted(asked, &error);
        QVERIFY(inlet::sqlExec(m_db, u"COMMIT"_s, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(got, (QSet<qint64>{m_seqs[0], m_seqs[3], m_seqs[5]}));
        QVERIFY(EventLog(m_db).accepted({}, &error).isEmpty());
    }

    // PostgreSQL: an event another instance holds is left to it, and the
    // ones returned stay locked until the transaction ends.
    void leavesOutWhatAnotherInstanceHolds()
    {
        if (!TestBackend::postgres())
            QSKIP("row locks between instances are PostgreSQL's");
        QString error;
        QSqlDatabase other = Database::open(m_url, m_other, &error);
        QVERIFY2(other.isValid(), qPrintable(error));
        QVERIFY(inlet::sqlExec(other, u"BEGIN"_s, &error));
        QVERIFY(EventLog(other).accepted({m_seqs[2]}, &error) == QSet<qint64>{m_seqs[2]});

        QVERIFY(inlet::sqlExec(m_db, u"BEGIN"_s, &error));
        QCOMPARE(EventLog(m_db).accepted(m_seqs, &error),
                 (QSet<qint64>{m_seqs[0], m_seqs[1], m_seqs[3], m_seqs[4], m_seqs[5]}));
        QVERIFY(inlet::sqlExec(other, u"COMMIT"_s, &error));
        // Now the other instance holds none, and this one holds the rest.
        QVERIFY(inlet::sqlExec(other, u"BEGIN"_s, &error));
        QCOMPARE(EventLog(other).accepted(m_seqs, &error), QSet<qint64>{m_seqs[2]});
        QVERIFY(inlet::sqlExec(other, u"COMMIT"_s, &error));
        QVERIFY(inlet::sqlExec(m_db, u"COMMIT"_s, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        other = QSqlDatabase();
    }
};

QTEST_GUILESS_MAIN(TestProcessingClaim)
#include "test_processing_claim.moc"
