// Upgrading a database written by an older Inlet: schema version 4 moves
// events' headers and bodies into a table of their own. The log written
// before the upgrade must read, search, filter and expire as before.

#include "common/TestBackend.h"
#include "logs/EventLog.h"
#include "logs/SearchIndex.h"
#include "store/Database.h"
#include "store/SqlDialect.h"
#include "support/CliRunner.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using inlet::EventLog;
using inlet::EventRecord;
using inlet::LogFilter;
using inlet::clitest::CliResult;
using inlet::test::TestBackend;

namespace {

constexpr qint64 kT0 = 1714564800000; // 2024-05-01T12:00:00Z
const QByteArray kInvoiceBody = R"({"type":"invoice.paid","data":{"object":{"customer":"cus_00777"}}})";
const QByteArray kRejectedBody = "not json: a sender's mistake";
const QByteArray kRawGzip = QByteArray::fromHex("1f8b0800000000000003abae0500b4dac3c702000000");

} // namespace

class TestSchemaUpgrade : public QObject
{
    Q_OBJECT

private:
    std::optional<QTemporaryDir> m_dir;
    QString m_urlText;
    inlet::DatabaseUrl m_url;
    QString m_connection = inlet::Database::uniqueConnectionName(u"test-upgrade"_s);
    QSqlDatabase m_db;

    bool postgres() const { return inlet::SqlDialect::of(m_db).isPostgres(); }

    // An event row as versions 1-3 stored it: headers and body in `events`.
    void insertOldEvent(const QString &id, qint64 receivedAt, const QString &status, const QByteArray &headers,
                        const QByteArray &body, const QByteArray &rawBody)
    {
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(u"INSERT INTO events (id, received_at, env, source, origin, verification_status, status,"
                          " headers, body, raw_body, size) VALUES (?, ?, 'production', 'shop', 'webhook', 'verified',"
                          " ?, ?, ?, ?, ?)"_s));
        q.addBindValue(id);
        q.addBindValue(receivedAt);
        q.addBindValue(status);
        q.addBindValue(QString::fromUtf8(headers));
        // As EventLog wrote it: BYTEA on PostgreSQL, text on SQLite.
        q.addBindValue(postgres() ? QVariant(body) : QVariant(QString::fromUtf8(body)));
        q.addBindValue(rawBody.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(rawBody));
        q.addBindValue(body.size());
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    QStringList ids(const LogFilter &f)
    {
        QString error;
        QStringList out;
        for (const EventRecord &e : EventLog(m_db).events(f, false, &error))
            out.prepend(e.id);
        if (!error.isEmpty())
            out << u"error: "_s + error;
        return out;
    }

    LogFilter filter()
    {
        LogFilter f;
        f.env = u"production"_s;
        return f;
    }

    qint64 count(const QString &table)
    {
        QSqlQuery q(m_db);
        return q.exec(u"SELECT count(*) FROM "_s + table) && q.next() ? q.value(0).toLongLong() : -1;
    }

    void indexAll()
    {
        QString error;
        while (const int n = inlet::SearchIndex::indexMore(m_db, 1000, 1 << 30, &error))
            QVERIFY2(n > 0, qPrintable(error));
    }

private Q_SLOTS:
    void init()
    {
        m_dir.emplace();
        m_urlText = TestBackend::freshUrlText(m_dir->path());
        m_url = inlet::DatabaseUrl::parse(m_urlText);
        QString error;
        m_db = inlet::Database::open(m_url, m_connection, &error);
        QVERIFY2(m_db.isValid(), qPrintable(error));
        QVERIFY2(inlet::Database::migrate(m_db, &error, 3), qPrintable(error));
        QCOMPARE(inlet::Database::storedVersion(m_db, &error), 3);
        insertOldEvent(u"evt_old_1"_s, kT0, u"processed"_s, R"({"stripe-signature":"t=1,v1=abc"})", kInvoiceBody, {});
        insertOldEvent(u"evt_old_2"_s, kT0 + 1000, u"rejected"_s, R"({"content-encoding":"gzip"})", kRejectedBody,
                       kRawGzip);
        QSqlQuery keys(m_db);
        QVERIFY(
            keys.exec(u"INSERT INTO idempotency (env, source, event_type, key, event_id, processed_at)"
                      " VALUES ('production', 'shop', 'invoice.paid', 'evt_stripe_1', 'evt_old_1', 1714564800000)"_s));
        if (!postgres()) { // the old word index had covered both, as version 3 filled it
            QSqlQuery q(m_db);
            QVERIFY(q.exec(u"INSERT INTO events_fts (rowid, body) SELECT seq, body FROM events"_s));
            QVERIFY(q.exec(u"UPDATE meta SET value = '2' WHERE key = 'fts_indexed_seq'"_s));
        }
    }

    void cleanup()
    {
        m_db = QSqlDatabase();
        inlet::Database::close(m_connection);
        TestBackend::drop(m_url);
        m_dir.reset();
    }

    void oldEventsReadWithTheirHeadersAndBodies()
    {
        QString error;
        QVERIFY2(inlet::Database::migrate(m_db, &error), qPrintable(error));
        QCOMPARE(inlet::Database::storedVersion(m_db, &error), inlet::Database::schemaVersion());
        QCOMPARE(m_db.record(u"events"_s).indexOf(u"body"_s), -1);
        QCOMPARE(m_db.record(u"events"_s).indexOf(u"headers"_s), -1);
        QCOMPARE(count(u"event_bodies"_s), 2);

        const auto first = EventLog(m_db).event(u"evt_old_1"_s);
        QVERIFY(first);
        QCOMPARE(first->body, kInvoiceBody);
        QCOMPARE(first->headers.value(u"stripe-signature"_s).toString(), u"t=1,v1=abc"_s);
        QCOMPARE(first->status, u"processed"_s);
        const auto second = EventLog(m_db).event(u"evt_old_2"_s);
        QVERIFY(second);
        QCOMPARE(second->body, kRejectedBody);
        QCOMPARE(second->rawBody, kRawGzip);

        LogFilter all = filter();
        const QList<EventRecord> listed = EventLog(m_db).events(all, true, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(1).body, kInvoiceBody); // newest first

        // The processed key still replays (SQLite rebuilt the table).
        QSqlQuery q(m_db);
        QVERIFY(q.exec(u"SELECT event_id FROM idempotency WHERE env = 'production' AND source = 'shop'"
                       " AND event_type = 'invoice.paid' AND key = 'evt_stripe_1'"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"evt_old_1"_s);
    }

    void oldEventsAreFoundBySearchAndPath()
    {
        QString error;
        QVERIFY2(inlet::Database::migrate(m_db, &error), qPrintable(error));
        LogFilter search = filter();
        search.search = u"cus_00777"_s;
        QCOMPARE(ids(search), QStringList{u"evt_old_1"_s}); // before the word index caught up again
        LogFilter path = filter();
        QVERIFY(path.setWhere(u"body.data.object.customer=cus_00777"_s, &error));
        QCOMPARE(ids(path), QStringList{u"evt_old_1"_s});
        LogFilter header = filter();
        QVERIFY(header.setWhere(u"headers.content-encoding=gzip"_s, &error));
        QCOMPARE(ids(header), QStringList{u"evt_old_2"_s});
        if (postgres())
            return;
        // SQLite's word index starts over on the new table and covers the old events again.
        QSqlQuery q(m_db);
        QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'fts_indexed_seq'"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"0"_s);
        q.finish();
        indexAll();
        QVERIFY(q.exec(u"SELECT count(*) FROM events_fts WHERE events_fts MATCH 'cus'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();
        QCOMPARE(ids(search), QStringList{u"evt_old_1"_s});
        QCOMPARE(ids(path), QStringList{u"evt_old_1"_s});
    }

    void cliMigrateSaysWhatItDid()
    {
        const inlet::clitest::CliRunner cli;
        const CliResult upgraded = cli.run({u"--database"_s, m_urlText, u"migrate"_s});
        QVERIFY2(upgraded.exitCode == 0, qPrintable(upgraded.describe()));
        QVERIFY2(upgraded.outText().startsWith(
                     u"upgraded the schema from version 3 to %1 in "_s.arg(inlet::Database::schemaVersion())),
                 qPrintable(upgraded.outText()));
        const CliResult again = cli.run({u"--database"_s, m_urlText, u"migrate"_s});
        QCOMPARE(again.outText().trimmed(), u"schema version %1 is up to date"_s.arg(inlet::Database::schemaVersion()));
        QTemporaryDir other;
        const QString fresh = TestBackend::freshUrlText(other.path());
        const CliResult created = cli.run({u"--database"_s, fresh, u"migrate"_s});
        TestBackend::drop(inlet::DatabaseUrl::parse(fresh));
        QCOMPARE(created.outText().trimmed(),
                 u"created the schema, version %1"_s.arg(inlet::Database::schemaVersion()));
        // Without --database: a data directory that does not exist yet.
        const CliResult inDir = inlet::clitest::CliRunner(other.filePath(u"new-dir"_s)).run({u"migrate"_s});
        QCOMPARE(inDir.outText().trimmed(), u"created the schema, version %1"_s.arg(inlet::Database::schemaVersion()));
    }

    void newEventsFollowAndRetentionTakesBothRows()
    {
        QString error;
        QVERIFY2(inlet::Database::migrate(m_db, &error), qPrintable(error));
        EventRecord e;
        e.id = u"evt_new"_s;
        e.receivedAt = kT0 + 2000;
        e.env = u"production"_s;
        e.source = u"shop"_s;
        e.origin = u"webhook"_s;
        e.verificationStatus = u"verified"_s;
        e.status = u"accepted"_s;
        e.headers = {{u"x-test"_s, u"1"_s}};
        e.body = R"({"type":"customer.created"})";
        e.size = e.body.size();
        QVERIFY2(EventLog(m_db).insertEvent(e, &error), qPrintable(error));
        const auto stored = EventLog(m_db).event(u"evt_new"_s);
        QVERIFY(stored);
        QCOMPARE(stored->body, e.body);
        QCOMPARE(stored->headers, e.headers);
        QCOMPARE(ids(filter()), (QStringList{u"evt_old_1"_s, u"evt_old_2"_s, u"evt_new"_s}));

        // Everything up to the new event's time is past retention.
        QCOMPARE(EventLog(m_db).deleteOlderThan(kT0 + 2000, 100, &error), 2);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ids(filter()), QStringList{u"evt_new"_s});
        QCOMPARE(count(u"event_bodies"_s), 1);
        QCOMPARE(EventLog(m_db).event(u"evt_new"_s)->body, e.body);
    }
};

QTEST_GUILESS_MAIN(TestSchemaUpgrade)
#include "test_schema_upgrade.moc"
