#pragma once

#include "http/HttpServerLimits.h"
#include "ingest/ConfigStore.h"
#include "store/DatabaseUrl.h"
#include "util/Ulid.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace inlet {

class HttpServer;
class IngestHandler;
class StoreWorker;

struct EngineOptions
{
    DatabaseUrl database;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8470;
    bool listen = true;
    HttpServerLimits limits;
    int retentionDays = 30;
    int maxQueue = 20000;
};

// The whole ingestion engine: the HTTP server on its own thread, the store
// worker on another, and the configuration both share. `inletd serve` and the
// desktop app embed one; the calling thread is never blocked by ingestion.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)
public:
    explicit Engine(EngineOptions options, QObject *parent = nullptr);
    ~Engine() override;

    // Opens and migrates the database, loads the configuration, starts the
    // worker and (if asked) listens. Returns false with a message on failure.
    bool start(QString *error);

    // Stops accepting, answers what is in flight, stores everything
    // acknowledged and processes the backlog for up to `drainMs`.
    void stop(int drainMs = 3000);

    bool isRunning() const { return m_running; }
    quint16 port() const { return m_port; }
    QString baseUrl() const; // http://HOST:PORT
    QString ingestUrl(const QString &token) const;

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // Re-reads the configuration from the database now.
    bool reloadConfiguration(QString *error);

    ConfigStore &config() { return m_config; }
    StoreWorker *worker() const { return m_worker.get(); }
    UlidGenerator &ids() { return m_ids; }
    const EngineOptions &options() const { return m_options; }

Q_SIGNALS:
    void eventsStored(int count);
    void eventProcessed(const QString &id, const QString &status);
    void storageFailed(const QString &error);

private:
    EngineOptions m_options;
    ConfigStore m_config;
    UlidGenerator m_ids;
    std::unique_ptr<StoreWorker> m_worker;
    std::unique_ptr<IngestHandler> m_handler;
    QThread m_networkThread;
    HttpServer *m_server = nullptr; // lives on m_networkThread
    QObject *m_disposer = nullptr;  // lives on m_networkThread (StoreWorker::Options::disposer)
    quint16 m_port = 0;
    bool m_running = false;
    bool m_paused = false;
};

} // namespace inlet
