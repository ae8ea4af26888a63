// The desktop entry point: command line (SPEC 2 and 12), the embedded
// engine, the main window. Everything else lives in models/ and ui/.
#include "ingest/Engine.h"
#include "ingest/ListenAddress.h"
#include "models/app/Workspace.h"
#include "models/demo/DemoSeeder.h"
#include "store/DatabaseUrl.h"
#include "ui/main/MainWindow.h"
#include "ui/main/Screenshotter.h"
#include "util/DataDirectory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>

#ifndef INLET_VERSION
#define INLET_VERSION "0.1.0"
#endif

using namespace Qt::Literals::StringLiterals;

namespace {

int fail(const QString &message, bool gui)
{
    std::fprintf(stderr, "inlet: %s\n", qPrintable(message));
    if (gui)
        QMessageBox::critical(nullptr, u"Inlet"_s, message);
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"inlet"_s);
    QApplication::setApplicationName(u"inlet"_s);
    QApplication::setApplicationDisplayName(u"Inlet"_s);
    QApplication::setApplicationVersion(QStringLiteral(INLET_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Inlet: webhook ingestion, mapping and logs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"data-dir"_s, QApplication::translate("main", "Where the SQLite database and other state live."), u"DIR"_s},
        {u"database"_s, QApplication::translate("main", "sqlite:PATH or postgresql://user:pass@host:port/db."),
         u"URL"_s},
        {u"listen"_s, QApplication::translate("main", "Ingestion address (default 127.0.0.1:8470; port 0 = any)."),
         u"HOST:PORT"_s},
        {u"config"_s, QApplication::translate("main", "Import a configuration file at start."), u"FILE"_s},
        {u"screenshot"_s, QApplication::translate("main", "Render each main view to DIR/<view>.png and exit."),
         u"DIR"_s},
        {u"demo"_s, QApplication::translate("main", "Start with a demo environment, sources and sample traffic.")},
    });
    parser.process(app);
    const bool screenshot = parser.isSet(u"screenshot"_s);
    const bool demo = parser.isSet(u"demo"_s);
    const bool gui = !screenshot;

    // A demo without an explicit location runs in a throw-away directory so
    // it never mixes sample traffic into the user's data.
    std::unique_ptr<QTemporaryDir> demoDir;
    QString dataDir = parser.value(u"data-dir"_s);
    if (dataDir.isEmpty() && demo && !parser.isSet(u"database"_s)) {
        demoDir = std::make_unique<QTemporaryDir>();
        dataDir = demoDir->path();
    }
    if (dataDir.isEmpty())
        dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    // It holds every secret and payload: created owner-only, as inletd does.
    QString dirError;
    if (!inlet::DataDirectory::ensure(dataDir, &dirError))
        return fail(dirError, gui);

    inlet::EngineOptions options;
    options.database = inlet::DatabaseUrl::parse(parser.isSet(u"database"_s)
                                                     ? parser.value(u"database"_s)
                                                     : u"sqlite:"_s + QDir(dataDir).filePath(u"inlet.sqlite"_s));
    if (!options.database.isValid())
        return fail(options.database.error, gui);
    QString listen = parser.value(u"listen"_s);
    if (listen.isEmpty() && (demo || screenshot))
        listen = u"127.0.0.1:0"_s; // never collide with a running instance
    if (!listen.isEmpty()) {
        bool ok = false;
        options.host = listen.section(u':', 0, -2);
        options.port = quint16(listen.section(u':', -1).toUInt(&ok));
        if (!ok || options.host.isEmpty()) {
            std::fprintf(stderr, "inlet: --listen expects HOST:PORT\n");
            return 2;
        }
    }

    const QString exposure = inlet::ListenAddress::exposureWarning(u"inlet"_s, options.host);
    if (!exposure.isEmpty())
        std::fprintf(stderr, "%s\n", qPrintable(exposure));

    inlet::Engine engine(options);
    QString error;
    if (!engine.start(&error))
        return fail(error, gui);
    std::printf("listening on %s\n", qPrintable(engine.baseUrl()));
    std::fflush(stdout);

    inlet::Workspace workspace(&engine, options.database);
    if (!workspace.open(&error))
        return fail(error, gui);
    if (parser.isSet(u"config"_s)) {
        if (!workspace.importFile(parser.value(u"config"_s), &error))
            return fail(error, gui);
    }
    const QString lastEnv = QSettings().value(u"window/environment"_s).toString();
    if (!lastEnv.isEmpty() && !demo)
        workspace.setEnvironment(lastEnv);

    inlet::DemoSeeder seeder(&workspace);
    bool trafficDone = !demo;
    if (demo) {
        if (!seeder.configure(&error))
            return fail(error, gui);
        QObject::connect(&seeder, &inlet::DemoSeeder::finished, &app, [&trafficDone] { trafficDone = true; });
        seeder.sendTraffic();
    }

    int rc = 0;
    if (screenshot) {
        // Let the sample traffic land and be processed before the views read it.
        QEventLoop wait;
        QTimer::singleShot(15000, &wait, &QEventLoop::quit);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
            if (trafficDone)
                wait.quit();
        });
        poll.start(50);
        wait.exec();
        poll.stop();
        if (demo) {
            QEventLoop settle;
            QTimer::singleShot(1500, &settle, &QEventLoop::quit);
            settle.exec();
        }
        // Built after the traffic so every page's first queries see it.
        inlet::MainWindow window(&workspace);
        inlet::Screenshotter shooter(&window, parser.value(u"screenshot"_s));
        const QStringList files = shooter.run(&error);
        for (const QString &f : files)
            std::printf("wrote %s\n", qPrintable(f));
        rc = files.size() == inlet::Screenshotter::fileNames().size() ? 0 : fail(error, false);
    } else {
        inlet::MainWindow window(&workspace);
        window.show();
        rc = QApplication::exec();
    }
    engine.stop();
    return rc;
}
