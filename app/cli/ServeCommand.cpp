#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/SignalWatcher.h"
#include "ingest/Engine.h"
#include "ingest/ListenAddress.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {

int runServe(CliContext &ctx)
{
    const int port = ctx.listenPort();
    if (port < 0)
        return ctx.usage(u"--listen expects HOST:PORT, e.g. 127.0.0.1:8470"_s);
    // Usage errors first: nothing is opened or imported for a bad command line.
    EngineOptions options;
    options.host = ctx.listenHost();
    options.port = quint16(port);
    if (ctx.parser().isSet(u"retention-days"_s)) {
        bool ok = false;
        options.retentionDays = ctx.parser().value(u"retention-days"_s).toInt(&ok);
        if (!ok || options.retentionDays < 0)
            return ctx.usage(u"--retention-days expects a number of days (0 keeps everything)"_s);
    }
    if (ctx.parser().isSet(u"max-body-bytes"_s)) {
        bool ok = false;
        const qint64 max = ctx.parser().value(u"max-body-bytes"_s).toLongLong(&ok);
        if (!ok || max <= 0)
            return ctx.usage(u"--max-body-bytes expects a positive number of bytes"_s);
        options.limits.maxBodyBytes = max;
    }
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    if (ctx.parser().isSet(u"config"_s)) {
        const int rc = importConfigFile(ctx, ctx.parser().value(u"config"_s), true);
        if (rc != Ok)
            return rc;
    }
    options.database = ctx.databaseUrl();
    // Beyond loopback, anyone who can reach the port can send events: say so.
    const QString exposure = ListenAddress::exposureWarning(u"inletd"_s, options.host);
    if (!exposure.isEmpty())
        std::fprintf(stderr, "%s\n", exposure.toLocal8Bit().constData());

    Engine engine(options);
    if (!engine.start(&error))
        return ctx.fail(error);
    // SIGTERM and SIGINT stop it cleanly from the moment it says it is
    // listening: whoever waits for that line may signal it at once.
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [&engine](int) {
        engine.stop(5000);
        QCoreApplication::exit(0);
    });
    ctx.out() << "listening on " << engine.baseUrl() << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace inlet::cli
