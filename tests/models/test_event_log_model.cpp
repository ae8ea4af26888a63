#include "models/db/SqlWorker.h"
#include "models/log/ActionLogModel.h"
#include "models/log/EventLogModel.h"
#include "support/TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

class TestEventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstPageAndFetchMore();
    void filtersInSql();
    void staleRepliesAreDropped();
    void liveTailPrependsInOneBatch();
    void largeLogLoadsOnlyWhatIsAsked();
    void actionLog();
};

void TestEventLogModel::firstPageAndFetchMore()
{
    test::TestDatabase db;
    QVERIFY(db.isValid());
    db.insertEvents(250, u"development"_s, u"stripe"_s, {u"invoice.paid"_s}, {u"processed"_s});
    SqlWorker worker(db.url());
    EventLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(100);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 100);
    // Newest first, by arrival.
    QCOMPARE(model.index(0, EventLogModel::Id).data().toString(), u"evt_0000000250"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 250, 5000);
    // The tester itself may ask for more (as a view does); either way the
    // next page arrives once, with no duplicates.
    if (model.canFetchMore({})) {
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one request at a time
    }
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 200, 5000);
    QCOMPARE(model.index(199, EventLogModel::Id).data().toString(), u"evt_0000000051"_s);
    if (model.canFetchMore({}))
        model.fetchMore({});
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 250, 5000);
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.insert(model.index(r, EventLogModel::Id).data().toString());
    QCOMPARE(ids.size(), 250);
    QVERIFY(!model.canFetchMore({}));
}

void TestEventLogModel::filtersInSql()
{
    test::TestDatabase db;
    db.insertEvents(60, u"development"_s, u"stripe"_s, {u"invoice.paid"_s, u"customer.created"_s},
                    {u"processed"_s, u"failed"_s, u"rejected"_s});
    db.insertEvents(10, u"production"_s, u"stripe"_s, {u"invoice.paid"_s}, {u"processed"_s});
    SqlWorker worker(db.url());
    EventLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter f;
    f.env = u"development"_s;
    f.status = u"rejected"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 20);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, EventLogModel::Status).data().toString(), u"rejected"_s);

    f.status.clear();
    f.eventType = u"customer.created"_s;
    QVERIFY(f.setWhere(u"body.customer=\"cus_3\""_s, nullptr));
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, EventLogModel::EventType).data().toString(), u"customer.created"_s);
    QVERIFY(model.rowCount() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), qint64(model.rowCount()), 5000);

    LogFilter search;
    search.env = u"production"_s;
    search.search = u"\"n\":3,"_s;
    model.setFilter(search);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 1);
}

void TestEventLogModel::staleRepliesAreDropped()
{
    test::TestDatabase db;
    db.insertEvents(30, u"development"_s, u"a"_s, {u"t"_s}, {u"processed"_s});
    db.insertEvents(5, u"development"_s, u"b"_s, {u"t"_s}, {u"failed"_s});
    SqlWorker worker(db.url());
    EventLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter a;
    a.source = u"a"_s;
    LogFilter b;
    b.source = u"b"_s;
    // Two filter changes before any reply: only the last one may land.
    model.setFilter(a);
    model.setFilter(b);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 5);
    QCoreApplication::processEvents(); // a stale reply, if any, would be delivered now
    QCOMPARE(pages.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 5, 5000);
}

void TestEventLogModel::liveTailPrependsInOneBatch()
{
    test::TestDatabase db;
    db.insertEvents(10, u"development"_s, u"a"_s, {u"t"_s}, {u"processed"_s});
    SqlWorker worker(db.url());
    EventLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTailInterval(10);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    model.setFilter(LogFilter{});
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 10);
    model.setLiveTail(true);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy flushed(&model, &EventLogModel::tailFlushed);
    const QStringList fresh = db.insertEvents(7, u"development"_s, u"a"_s, {u"t"_s}, {u"accepted"_s});
    model.notifyNewEvents();
    model.notifyNewEvents(); // several notifications, one flush
    QVERIFY(flushed.wait(5000));
    QCOMPARE(flushed.first().first().toInt(), 7);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 6);
    QCOMPARE(model.rowCount(), 17);
    QCOMPARE(model.index(0, EventLogModel::Id).data().toString(), fresh.last());
}

void TestEventLogModel::largeLogLoadsOnlyWhatIsAsked()
{
    test::TestDatabase db;
    db.insertEvents(100000, u"development"_s, u"stripe"_s, {u"invoice.paid"_s, u"invoice.created"_s},
                    {u"processed"_s, u"processed"_s, u"processed"_s, u"failed"_s});
    SqlWorker worker(db.url());
    EventLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(200);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(10000));
    // Scroll: each fetchMore adds exactly one page, never the whole table.
    for (int i = 0; i < 5; ++i) {
        model.fetchMore({});
        QVERIFY(pages.wait(10000));
        QCOMPARE(model.rowCount(), 200 * (i + 2));
    }
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 100000, 20000);
    f.status = u"failed"_s;
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 0); // reset at once, not after the query
    QVERIFY(pages.wait(10000));
    QCOMPARE(model.rowCount(), 200);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 25000, 20000);
}

void TestEventLogModel::actionLog()
{
    test::TestDatabase db;
    const QStringList ids = db.insertEvents(3, u"development"_s, u"a"_s, {u"t"_s}, {u"processed"_s});
    for (const QString &id : ids)
        QVERIFY(db.insertAction(id, u"development"_s, u"a"_s, id == ids.first() ? u"error"_s : u"success"_s));
    SqlWorker worker(db.url());
    ActionLogModel model(&worker);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pages(&model, &ActionLogModel::pageLoaded);
    LogFilter f;
    f.status = u"error"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ActionLogModel::EventId).data().toString(), ids.first());
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 1, 5000);
}

QTEST_MAIN(TestEventLogModel)
#include "test_event_log_model.moc"
