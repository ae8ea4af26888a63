// The event log table as the desktop app runs it, on the database
// bench_logs builds (1,000,000 events): the real EventLogModel on its own
// SqlWorker, driven like a view (data() of the visible rows), measuring what
// a user waits for and what the GUI process holds.
//
// Usage: bench_logs_model [--data-dir DIR] [--env ENV] [--visible N] [--jumps J]
//   --data-dir  the bench_logs database directory [/tmp/inlet-bench-logs]
//   --env       the environment shown [production]
//   --visible   rows on screen [40]
//   --jumps     scrollbar jumps to random positions [200]
//
// Needs the GUI build (inlet_models); see bench/logs/run.sh and docs/benchmarks.md.
#include "logs/LogFilter.h"
#include "models/db/SqlWorker.h"
#include "models/log/EventLogModel.h"
#include "store/DatabaseUrl.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

qint64 statusKb(const QByteArray &key)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Runs the event loop until `done` holds or `ms` pass (the model's replies
// arrive as queued calls).
template <typename F>
bool waitFor(F done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop; // sleeps until a reply or the short timer
        QTimer::singleShot(2, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// Shows rows [first, first + visible) as a view paints them, then waits
// until every one is loaded; returns milliseconds, -1 on timeout.
double show(EventLogModel &model, int first, int visible)
{
    QElapsedTimer t;
    t.start();
    const int last = qMin(model.rowCount(), first + visible) - 1;
    const auto paint = [&] {
        bool all = true;
        for (int r = first; r <= last; ++r) {
            for (int c = 0; c < EventLogModel::ColumnCount; ++c)
                model.index(r, c).data();
            all = all && model.isRowLoaded(r);
        }
        return all;
    };
    if (!waitFor(paint, 30000))
        return -1;
    return double(t.nsecsElapsed()) / 1e6;
}

struct Stats
{
    double median = 0, p90 = 0, max = 0;
};

Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return {};
    return {v.at(v.size() / 2), v.at(v.size() * 9 / 10), v.constLast()};
}

// Filter change: time to the first page shown and to the total count.
void filterCase(EventLogModel &model, const char *name, const LogFilter &f, int visible)
{
    QElapsedTimer t;
    t.start();
    model.setFilter(f);
    waitFor([&] { return model.rowCount() > 0 || model.totalCount() == 0; }, 60000);
    const double shown = model.rowCount() > 0 ? show(model, 0, visible) : double(t.nsecsElapsed()) / 1e6;
    const double first = double(t.nsecsElapsed()) / 1e6 - 0;
    waitFor([&] { return model.totalCount() >= 0; }, 120000);
    const double counted = double(t.nsecsElapsed()) / 1e6;
    double deep = -1;
    if (model.rowCount() > visible)
        deep = show(model, model.rowCount() - visible, visible);
    std::printf("%-36s %10lld %10.1fms %10.1fms %10.1fms\n", name, model.totalCount(), qMax(shown, first), counted,
                deep);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({
        {u"data-dir"_s, u"Database directory."_s, u"DIR"_s, u"/tmp/inlet-bench-logs"_s},
        {u"env"_s, u"Environment."_s, u"ENV"_s, u"production"_s},
        {u"visible"_s, u"Rows on screen."_s, u"N"_s, u"40"_s},
        {u"jumps"_s, u"Scrollbar jumps."_s, u"J"_s, u"200"_s},
    });
    parser.addHelpOption();
    parser.process(app);
    const QString file = QFileInfo(parser.value(u"data-dir"_s)).absoluteFilePath() + u"/inlet.sqlite"_s;
    if (!QFileInfo::exists(file)) {
        std::fprintf(stderr, "no database at %s: run bench/logs/run.sh first\n", qPrintable(file));
        return 1;
    }
    const int visible = qMax(1, parser.value(u"visible"_s).toInt());
    const int jumps = qMax(1, parser.value(u"jumps"_s).toInt());
    LogFilter base;
    base.env = parser.value(u"env"_s);

    const qint64 rssStart = statusKb("VmRSS:");
    SqlWorker worker(DatabaseUrl::parse(u"sqlite:"_s + file));
    EventLogModel model(&worker);
    QElapsedTimer t;
    t.start();
    model.setFilter(base);
    waitFor([&] { return model.rowCount() > 0; }, 60000);
    const double firstMs = show(model, 0, visible);
    const double firstTotal = double(t.nsecsElapsed()) / 1e6;
    waitFor([&] { return model.totalCount() >= 0; }, 120000);
    const double countMs = double(t.nsecsElapsed()) / 1e6;
    const int rows = model.rowCount();
    std::printf("EventLogModel, env %s: %d rows, page %d, at most %d pages cached\n", qPrintable(base.env), rows,
                model.pageSize(), model.maxCachedPages());
    std::printf("  first rows shown:            %8.1f ms (%0.1f ms for the screen once the page is in)\n", firstTotal,
                firstMs);
    std::printf("  row count and page bounds:   %8.1f ms\n", countMs);
    std::fflush(stdout);

    const double endMs = show(model, rows - visible, visible);
    std::printf("  scroll to the end:           %8.1f ms\n", endMs);

    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pos(0, qMax(0, rows - visible));
    QList<double> jumpMs;
    for (int i = 0; i < jumps; ++i)
        jumpMs.append(show(model, pos(rng), visible));
    const Stats j = stats(jumpMs);
    std::printf("  %d scrollbar jumps:         median %.1f ms, p90 %.1f ms, max %.1f ms\n", jumps, j.median, j.p90,
                j.max);

    // Page Down through 100,000 rows, a screen at a time.
    QList<double> stepMs;
    QElapsedTimer sweep;
    sweep.start();
    const int from = rows / 3;
    for (int r = from; r < qMin(rows - visible, from + 100000); r += visible)
        stepMs.append(show(model, r, visible));
    const Stats s = stats(stepMs);
    std::printf("  Page Down x %lld (100,000 rows): %.1f s, per screen median %.2f ms, p90 %.2f ms, max %.1f ms\n",
                qint64(stepMs.size()), sweep.elapsed() / 1000.0, s.median, s.p90, s.max);

    const qint64 rss = statusKb("VmRSS:");
    const qint64 hwm = statusKb("VmHWM:");
    std::printf("  rows held by the model:      %d (of %d)\n", model.loadedRowCount(), rows);
    std::printf("  resident memory:             %.1f MB (+%.1f MB since before the model), peak %.1f MB\n",
                rss / 1024.0, (rss - rssStart) / 1024.0, hwm / 1024.0);
    std::fflush(stdout);

    std::printf("\n%-36s %10s %12s %12s %12s\n", "filter change", "rows", "first rows", "counted", "end shown");
    LogFilter f = base;
    f.status = u"failed"_s;
    filterCase(model, "status = failed", f, visible);
    f = base;
    f.source = u"stripe"_s;
    filterCase(model, "source = stripe", f, visible);
    f = base;
    f.eventType = u"invoice.paid"_s;
    filterCase(model, "type = invoice.paid", f, visible);
    f = base;
    f.search = u"cus_00042"_s;
    filterCase(model, "search: one customer", f, visible);
    filterCase(model, "no filter again", base, visible);
    std::printf("\nafter the filters: %d rows held, resident %.1f MB, peak %.1f MB\n", model.loadedRowCount(),
                statusKb("VmRSS:") / 1024.0, statusKb("VmHWM:") / 1024.0);
    return 0;
}
