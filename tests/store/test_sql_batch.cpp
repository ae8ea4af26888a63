// SqlBatch: writes sent together. On PostgreSQL they wait for exec() and run
// as one statement; on SQLite each runs when added.
#include "common/TestBackend.h"
#include "store/SqlBatch.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"
#include "support/StoreFixture.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using inlet::SqlBatch;
using inlet::SqlStatement;

class TestSqlBatch : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StoreFixture> m_store;

    qint64 count(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    void add(SqlBatch &batch, const QString &key, const QString &name)
    {
        SqlStatement q(m_store->db(), u"INSERT INTO environments (key, name) VALUES (?, ?)"_s, &batch);
        q.bindText(key).bindText(name);
        q.exec();
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<StoreFixture>();
        QCOMPARE(m_store->open(), QString());
    }
    void cleanup() { m_store.reset(); }

    void statementsRunInOneGoOnPostgres()
    {
        const qint64 before = count(u"SELECT count(*) FROM environments"_s);
        SqlBatch batch(m_store->db());
        QCOMPARE(batch.collects(), inlet::test::TestBackend::postgres());
        add(batch, u"b-one"_s, u"One"_s);
        add(batch, u"b-two"_s, u"Two"_s);
        {
            SqlStatement q(m_store->db(), u"UPDATE meta SET value = ? WHERE key = 'config_version'"_s, &batch);
            q.bind(u"42"_s);
            q.exec();
        }
        // Nothing has reached PostgreSQL yet; SQLite ran each statement.
        QCOMPARE(count(u"SELECT count(*) FROM environments"_s), before + (batch.collects() ? 0 : 2));
        batch.exec();
        QCOMPARE(count(u"SELECT count(*) FROM environments WHERE key IN ('b-one', 'b-two')"_s), 2);
        QCOMPARE(count(u"SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'config_version'"_s), 42);
        // Emptied by exec(): a second one sends nothing.
        batch.exec();
        QCOMPARE(count(u"SELECT count(*) FROM environments WHERE key IN ('b-one', 'b-two')"_s), 2);
    }

    void aFailedStatementFailsTheBatch()
    {
        SqlBatch batch(m_store->db());
        try {
            add(batch, u"b-dup"_s, u"First"_s);
            add(batch, u"b-ok"_s, u"Fine"_s);
            add(batch, u"b-dup"_s, u"Again"_s); // the key is the primary key
            batch.exec();
            QFAIL("no failure reported");
        } catch (const inlet::StoreFailure &f) {
            QVERIFY2(f.message().contains(u"database error"_s), qPrintable(f.message()));
        }
        // PostgreSQL: the one statement failed whole.
        if (batch.collects())
            QCOMPARE(count(u"SELECT count(*) FROM environments WHERE key IN ('b-dup', 'b-ok')"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestSqlBatch)
#include "test_sql_batch.moc"
