// The store thread's spare time, which decides whether the search index
// takes a step while requests keep coming (StoreWorker::maintenance).
#include "ingest/SpareTime.h"

#include <QTest>

using inlet::SpareTime;

namespace {
constexpr qint64 kMs = 1'000'000;
}

class TestSpareTime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spareUntilAWindowWasMeasured()
    {
        SpareTime t(1000 * kMs);
        QCOMPARE(t.share(), 1.0);
        t.tick(0);
        t.tick(999 * kMs); // the window is not over: nothing measured yet
        QCOMPARE(t.share(), 1.0);
    }

    void aBusyWindowHasNoSpareTime()
    {
        SpareTime t(1000 * kMs);
        t.tick(0);
        // Waits of 1 ms every 20 ms: 5% of the window.
        for (qint64 end = 20 * kMs; end <= 1000 * kMs; end += 20 * kMs)
            t.waited(end - 1 * kMs, end);
        QCOMPARE(qRound(t.share() * 100), 5);
    }

    void anIdleWindowIsAllSpare()
    {
        SpareTime t(1000 * kMs);
        t.tick(0);
        t.waited(0, 250 * kMs);
        t.waited(250 * kMs, 500 * kMs);
        t.waited(500 * kMs, 750 * kMs);
        t.waited(750 * kMs, 1000 * kMs);
        QCOMPARE(t.share(), 1.0);
    }

    void eachWindowIsMeasuredOnItsOwn()
    {
        SpareTime t(1000 * kMs);
        t.tick(0);
        t.waited(500 * kMs, 1000 * kMs); // half spent waiting
        QCOMPARE(qRound(t.share() * 100), 50);
        t.tick(2000 * kMs); // then a second without a wait
        QCOMPARE(t.share(), 0.0);
        t.waited(2400 * kMs, 2500 * kMs);
        QCOMPARE(t.share(), 0.0); // the current window is not over
        t.tick(3000 * kMs);
        QCOMPARE(qRound(t.share() * 100), 10);
    }

    void aLongWaitEndsABusyWindowAsSpare()
    {
        SpareTime t(1000 * kMs);
        t.tick(0);
        t.tick(1000 * kMs);
        QCOMPARE(t.share(), 0.0);
        // The load stopped: a wait of several windows counts in full.
        t.waited(1000 * kMs, 4000 * kMs);
        QCOMPARE(t.share(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestSpareTime)
#include "test_spare_time.moc"
