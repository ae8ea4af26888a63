// The desktop entry point. Until the full desktop UI lands (sources, mapping
// editor, log browsers), it runs the engine embedded and shows where it
// listens and what it receives.
#include "ingest/Engine.h"
#include "store/DatabaseUrl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMessageBox>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"inlet"_s);
    QApplication::setApplicationDisplayName(u"Inlet"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Inlet desktop application."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"data-dir"_s, u"Where the SQLite database lives."_s, u"DIR"_s},
        {u"database"_s, u"sqlite:PATH or postgresql://..."_s, u"URL"_s},
        {u"listen"_s, u"Ingestion address (default 127.0.0.1:8470)."_s, u"HOST:PORT"_s},
    });
    parser.process(app);

    const QString dataDir = parser.isSet(u"data-dir"_s)
                                ? parser.value(u"data-dir"_s)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    inlet::EngineOptions options;
    options.database = inlet::DatabaseUrl::parse(parser.isSet(u"database"_s)
                                                     ? parser.value(u"database"_s)
                                                     : u"sqlite:"_s + QDir(dataDir).filePath(u"inlet.sqlite"_s));
    const QString listen = parser.value(u"listen"_s);
    if (!listen.isEmpty()) {
        options.host = listen.section(u':', 0, -2);
        options.port = quint16(listen.section(u':', -1).toUInt());
    }
    QDir().mkpath(dataDir);

    inlet::Engine engine(options);
    QString error;
    if (!engine.start(&error)) {
        QMessageBox::critical(nullptr, u"Inlet"_s, error);
        return 1;
    }
    std::printf("listening on %s\n", engine.baseUrl().toUtf8().constData());
    std::fflush(stdout);

    QMainWindow window;
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    auto *url = new QLabel(QObject::tr("Listening on %1").arg(engine.baseUrl()));
    url->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *events = new QListWidget;
    layout->addWidget(url);
    layout->addWidget(new QLabel(QObject::tr("Events processed in this session:")));
    layout->addWidget(events);
    QObject::connect(
        &engine, &inlet::Engine::eventProcessed, events,
        [events](const QString &id, const QString &status) { events->insertItem(0, id + u"  "_s + status); });
    window.setCentralWidget(central);
    window.resize(800, 500);
    window.show();
    const int rc = QApplication::exec();
    engine.stop();
    return rc;
}
