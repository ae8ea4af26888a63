#include "logs/EventLog.h"
#include "models/db/SqlWorker.h"
#include "models/log/EventLogModel.h"
#include "store/Database.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

// The event log table as users see it: a QTableView over 20,000 events.
// The view alone drives loading (only the rows it paints are asked for),
// so what it shows after a scroll is real rows, and the model holds no more
// than its window.
class TestLogTableView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void scrollingShowsRowsAndHoldsAWindow();

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
};

void TestLogTableView::initTestCase()
{
    m_url = DatabaseUrl::parse(u"sqlite:"_s + m_dir.filePath(u"inlet.sqlite"_s));
    QString error;
    {
        QSqlDatabase db = Database::open(m_url, u"fill"_s, &error);
        QVERIFY2(db.isValid() && Database::migrate(db, &error), qPrintable(error));
        EventLog log(db);
        db.transaction();
        for (int i = 1; i <= 20000; ++i) {
            EventRecord e;
            e.id = u"evt_%1"_s.arg(i, 10, 10, QLatin1Char('0'));
            e.receivedAt = 1700000000000 + i;
            e.env = u"development"_s;
            e.source = i % 2 ? u"stripe"_s : u"clerk"_s;
            e.eventType = u"invoice.paid"_s;
            e.status = u"processed"_s;
            e.body = "{}";
            QVERIFY2(log.insertEvent(e, &error), qPrintable(error));
        }
        QVERIFY(db.commit());
    }
    Database::close(u"fill"_s);
}

// The id shown in the view's row at `y` (viewport coordinates).
static QString shownId(QTableView &view, int y)
{
    const QModelIndex at = view.indexAt(QPoint(5, y));
    return at.siblingAtColumn(EventLogModel::Id).data().toString();
}

void TestLogTableView::scrollingShowsRowsAndHoldsAWindow()
{
    SqlWorker worker(m_url);
    EventLogModel model(&worker);
    model.setMaxCachedPages(4);
    QTableView view;
    view.setModel(&model);
    view.verticalHeader()->setDefaultSectionSize(20);
    view.resize(900, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    LogFilter f;
    f.env = u"development"_s;
    model.setFilter(f);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 20000, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(shownId(view, 5), u"evt_0000020000"_s, 5000);

    // To the end: the bottom row shown is the oldest event.
    view.scrollToBottom();
    const int bottom = view.viewport()->height() - 3;
    QTRY_COMPARE_WITH_TIMEOUT(shownId(view, bottom), u"evt_0000000001"_s, 5000);
    // Dragging the scroll bar to the middle: the rows there load.
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    const int middle = view.indexAt(QPoint(5, 5)).row();
    QTRY_COMPARE_WITH_TIMEOUT(shownId(view, 5), u"evt_%1"_s.arg(20000 - middle, 10, 10, QLatin1Char('0')), 5000);
    QVERIFY(model.loadedRowCount() <= 4 * model.pageSize());

    // A filter while scrolled: the view follows the new rows.
    f.source = u"clerk"_s;
    model.setFilter(f);
    QTRY_COMPARE_WITH_TIMEOUT(model.totalCount(), 10000, 10000);
    view.scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(shownId(view, bottom), u"evt_0000000002"_s, 5000);
    QCOMPARE(view.indexAt(QPoint(5, bottom)).siblingAtColumn(EventLogModel::Source).data().toString(), u"clerk"_s);
    QVERIFY(model.loadedRowCount() <= 4 * model.pageSize());
}

QTEST_MAIN(TestLogTableView)
#include "test_log_table_view.moc"
