#include "logs/EventLog.h"
#include "models/log/ActionLogModel.h"
#include "models/log/EventLogModel.h"
#include "support/LogModelFixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

class TestEventLogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstPageThenCountAndWindow();
    void growsPageByPageBeforeTheCount();
    void filtersInSql();
    void whereValueKinds_data();
    void whereValueKinds();
    void staleRepliesAreDropped();
    void liveTailPrependsInOneBatch();
    void largeLogHoldsOnlyAWindow();
    void evictedPagesReloadTheSameRows();
    void liveTailOnACountedTable();
    void actionLog();
};

// What a view sees of a row: its id once loaded. Asking is what loads it.
static QString idAt(const EventLogModel &model, int row)
{
    return model.index(row, EventLogModel::Id).data().toString();
}

void TestEventLogModel::firstPageThenCountAndWindow()
{
    test::LogModelFixture<EventLogModel> fx;
    QVERIFY(fx.db().isValid());
    fx.db().insertEvents(250, u"development"_s, u"stripe"_s, {u"invoice.paid"_s}, {u"processed"_s});
    EventLogModel &model = fx.model();
    model.setPageSize(100);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    // Newest first, by arrival.
    QCOMPARE(idAt(model, 0), u"evt_0000000250"_s);
    // Until the count arrives: what is loaded plus a page; then the count.
    QVERIFY(model.rowCount() == 200 || model.rowCount() == 250);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 250, 5000);
    QCOMPARE(model.rowCount(), 250);
    QCOMPARE(model.knownRowCount(), 250);
    // A row not loaded is a placeholder until its page arrives.
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 199), u"evt_0000000051"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 249), u"evt_0000000001"_s, 5000);
    QSet<QString> ids;
    for (int r = 0; r < model.rowCount(); ++r) {
        QTRY_VERIFY_WITH_TIMEOUT(model.isRowLoaded(r) || !idAt(model, r).isEmpty(), 5000);
        ids.insert(idAt(model, r));
    }
    QCOMPARE(ids.size(), 250);
    QVERIFY(!model.canFetchMore({}));
}

// The count is slow to come (or never comes): the table grows a page at a
// time as the view reaches its end, like a keyset scroll.
void TestEventLogModel::growsPageByPageBeforeTheCount()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(250, u"development"_s, u"stripe"_s, {u"invoice.paid"_s}, {u"processed"_s});
    EventLogModel &model = fx.model();
    model.setPageSize(100);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    // Whether or not the count has arrived, the last row can be reached by
    // asking for the last row shown, page after page.
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, model.rowCount() - 1), u"evt_0000000001"_s, 5000);
    QCOMPARE(model.rowCount(), 250);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 250, 5000);
}

void TestEventLogModel::filtersInSql()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(60, u"development"_s, u"stripe"_s, {u"invoice.paid"_s, u"customer.created"_s},
                         {u"processed"_s, u"failed"_s, u"rejected"_s});
    fx.db().insertEvents(10, u"production"_s, u"stripe"_s, {u"invoice.paid"_s}, {u"processed"_s});
    EventLogModel &model = fx.model();
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

// `path = value` the same on both backends: a JSON number or string is that
// value (a number does not match its text), bare text is a string, header
// paths match too.
void TestEventLogModel::whereValueKinds_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<qint64>("count");
    // The rows: n = 0..69, customer = "cus_<n % 7>".
    QTest::newRow("number") << u"body.n=3"_s << qint64(1);
    QTest::newRow("number, other spelling") << u"body.n=3.0"_s << qint64(1);
    QTest::newRow("number's text") << u"body.n=\"3\""_s << qint64(0);
    QTest::newRow("string") << u"body.customer=\"cus_3\""_s << qint64(10);
    QTest::newRow("bare text") << u"body.customer=cus_3"_s << qint64(10);
    QTest::newRow("no such value") << u"body.customer=\"cus_9\""_s << qint64(0);
    QTest::newRow("header") << u"headers.content-type=\"application/json\""_s << qint64(70);
    QTest::newRow("missing path") << u"body.missing=1"_s << qint64(0);
}

void TestEventLogModel::whereValueKinds()
{
    QFETCH(QString, where);
    QFETCH(qint64, count);
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(70, u"processed"_s);
    LogFilter f;
    QString error;
    QVERIFY2(f.setWhere(where, &error), qPrintable(error));
    QCOMPARE(EventLog(fx.db().db()).countEvents(f), count);
    fx.model().setFilter(f);
    QTRY_COMPARE_WITH_TIMEOUT(fx.model().totalCount(), count, 5000);
}

void TestEventLogModel::staleRepliesAreDropped()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(30, u"processed"_s);
    fx.db().insertEvents(5, u"development"_s, u"b"_s, {u"t"_s}, {u"failed"_s});
    EventLogModel &model = fx.model();
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
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(10, u"processed"_s);
    EventLogModel &model = fx.model();
    model.setTailInterval(10);
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    model.setFilter(LogFilter{});
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 10);
    model.setLiveTail(true);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy flushed(&model, &EventLogModel::tailFlushed);
    const QStringList fresh = fx.db().insertEvents(7, u"accepted"_s);
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

// 100,000 rows: the table has them all (from the count) but the model never
// holds more than its window of pages, scrolled to the end, to the middle,
// and after a filter.
void TestEventLogModel::largeLogHoldsOnlyAWindow()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(100000, u"development"_s, u"stripe"_s, {u"invoice.paid"_s, u"invoice.created"_s},
                         {u"processed"_s, u"processed"_s, u"processed"_s, u"failed"_s});
    EventLogModel &model = fx.model();
    model.setPageSize(200);
    model.setMaxCachedPages(6);
    const int window = 6 * 200;
    int most = 0;
    const auto watch = [&] { most = qMax(most, model.loadedRowCount()); };
    connect(&model, &QAbstractItemModel::dataChanged, &model, watch);
    connect(&model, &QAbstractItemModel::rowsInserted, &model, watch);
    connect(&model, &EventLogModel::pageLoaded, &model, watch);
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 100000, 20000);
    QCOMPARE(model.rowCount(), 100000);

    // Scroll to the end: a view shows the last rows; they load directly
    // (keyset from the page bounds), not through every page before them.
    QSignalSpy pages(&model, &EventLogModel::pageLoaded);
    for (int r = 99999; r > 99950; --r)
        idAt(model, r);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 99999), u"evt_0000000001"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 99950), u"evt_0000000050"_s, 10000);
    QVERIFY(pages.size() <= 4);
    // Jump to the middle, then walk down a few screens.
    for (int r = 50000; r < 52000; r += 40)
        QTRY_COMPARE_WITH_TIMEOUT(idAt(model, r), u"evt_%1"_s.arg(100000 - r, 10, 10, QLatin1Char('0')), 10000);
    QVERIFY(model.loadedRowCount() <= window);

    // A filter: the table resets at once, then counts the failed events.
    f.status = u"failed"_s;
    model.setFilter(f);
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 25000, 20000);
    QCOMPARE(model.index(0, EventLogModel::Status).data().toString(), u"failed"_s);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 24999), u"evt_0000000004"_s, 10000);
    QCOMPARE(model.index(24999, EventLogModel::Status).data().toString(), u"failed"_s);
    QVERIFY(model.loadedRowCount() <= window);
    QVERIFY2(most <= window, qPrintable(QString::number(most)));
}

// Pages scrolled away are dropped and read again, identical, when the view
// comes back.
void TestEventLogModel::evictedPagesReloadTheSameRows()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(1000, u"processed"_s);
    EventLogModel &model = fx.model();
    model.setPageSize(50);
    model.setMaxCachedPages(2);
    model.setFilter(LogFilter{});
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 1000, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 110), u"evt_0000000890"_s, 5000);
    for (int r = 300; r < 1000; r += 100)
        QTRY_COMPARE_WITH_TIMEOUT(idAt(model, r), u"evt_%1"_s.arg(1000 - r, 10, 10, QLatin1Char('0')), 5000);
    QVERIFY(!model.isRowLoaded(110));
    QVERIFY(model.loadedRowCount() <= 100);
    QCOMPARE(model.index(110, EventLogModel::Received).data().toString(), QObject::tr("loading..."));
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 110), u"evt_0000000890"_s, 5000);
}

// Live tail on a counted table: new rows go on top in one batch, the count
// follows, and rows further down keep their place.
void TestEventLogModel::liveTailOnACountedTable()
{
    test::LogModelFixture<EventLogModel> fx;
    fx.db().insertEvents(500, u"processed"_s);
    EventLogModel &model = fx.model();
    model.setPageSize(100);
    model.setTailInterval(10);
    model.setFilter(LogFilter{});
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 500, 5000);
    model.setLiveTail(true);
    QSignalSpy flushed(&model, &EventLogModel::tailFlushed);
    for (int batch = 0; batch < 3; ++batch) {
        fx.db().insertEvents(30, u"accepted"_s);
        model.notifyNewEvents();
        QVERIFY(flushed.wait(5000));
    }
    QCOMPARE(model.rowCount(), 590);
    QCOMPARE(model.totalCount(), 590);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 0), u"evt_0000000590"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 89), u"evt_0000000501"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 90), u"evt_0000000500"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(idAt(model, 589), u"evt_0000000001"_s, 5000);
}

void TestEventLogModel::actionLog()
{
    test::LogModelFixture<ActionLogModel> fx;
    const QStringList ids = fx.db().insertEvents(3, u"processed"_s);
    for (const QString &id : ids)
        QVERIFY(fx.db().insertAction(id, u"development"_s, u"a"_s, id == ids.first() ? u"error"_s : u"success"_s));
    ActionLogModel &model = fx.model();
    QSignalSpy pages(&model, &ActionLogModel::pageLoaded);
    LogFilter f;
    f.status = u"error"_s;
    model.setFilter(f);
    QVERIFY(pages.wait(5000));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ActionLogModel::EventId).data().toString(), ids.first());
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 1, 5000);
    // `path = value` matches actions through their event, in the rows and the count.
    LogFilter where;
    QVERIFY(where.setWhere(u"body.customer=\"cus_1\""_s, nullptr));
    model.setFilter(where);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 1, 5000);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ActionLogModel::EventId).data().toString(), ids.at(1));
}

QTEST_MAIN(TestEventLogModel)
#include "test_event_log_model.moc"
