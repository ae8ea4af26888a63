#include "ingest/Engine.h"

#include "config/ConfigRepository.h"
#include "http/HttpServer.h"
#include "ingest/IngestHandler.h"
#include "ingest/ListenAddress.h"
#include "ingest/StoreWorker.h"
#include "store/Database.h"

#include <QDeadlineTimer>
#include <QHostAddress>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

Engine::Engine(EngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    m_networkThread.setObjectName(u"inlet-http"_s);
}

Engine::~Engine()
{
    stop(0);
}

bool Engine::start(QString *error)
{
    if (m_running)
        return true;
    {
        const QString name = Database::uniqueConnectionName(u"engine-start"_s);
        {
            QSqlDatabase db = Database::open(m_options.database, name, error);
            if (!db.isValid())
                return false;
            ConfigRepository repo(db);
            if (!Database::migrate(db, error) || !repo.ensureDefaults(error) || !m_config.reload(db, true, error)) {
                db = QSqlDatabase();
                Database::close(name);
                return false;
            }
        }
        Database::close(name);
    }

    StoreWorker::Options wo;
    wo.database = m_options.database;
    wo.retentionDays = m_options.retentionDays;
    wo.maxQueue = m_options.maxQueue;
    if (m_options.listen) {
        m_networkThread.start();
        m_disposer = new QObject;
        m_disposer->moveToThread(&m_networkThread);
        wo.disposer = m_disposer;
    }
    m_worker = std::make_unique<StoreWorker>(wo, m_config, m_ids);
    connect(m_worker.get(), &StoreWorker::eventsStored, this, &Engine::eventsStored);
    connect(m_worker.get(), &StoreWorker::eventsProcessed, this,
            [this](const QList<std::pair<QString, QString>> &events) {
                for (const auto &[id, status] : events)
                    Q_EMIT eventProcessed(id, status);
            });
    connect(m_worker.get(), &StoreWorker::storageFailed, this, &Engine::storageFailed);
    m_worker->start();

    if (m_options.listen) {
        IngestHandler::Options ho;
        ho.maxBodyBytes = m_options.limits.maxBodyBytes;
        m_handler = std::make_unique<IngestHandler>(m_config, *m_worker, m_ids, ho);
        // Created here, then moved: the server and its children live on the network thread.
        m_server = new HttpServer(m_handler.get(), m_options.limits);
        m_server->moveToThread(&m_networkThread);
        bool listening = false;
        QString listenError;
        const std::optional<QHostAddress> address = ListenAddress::parse(m_options.host, &listenError);
        QMetaObject::invokeMethod(
            m_server,
            [&] {
                if (!address)
                    return;
                listening = m_server->listen(*address, m_options.port);
                if (listening)
                    m_port = m_server->serverPort();
                else
                    listenError = m_server->errorString();
            },
            Qt::BlockingQueuedConnection);
        if (!listening) {
            if (error)
                *error = u"cannot listen on %1:%2: %3"_s.arg(m_options.host).arg(m_options.port).arg(listenError);
            m_running = true;
            stop(0);
            return false;
        }
    }
    m_running = true;
    return true;
}

void Engine::stop(int drainMs)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_server) {
        QMetaObject::invokeMethod(
            m_server, [this] { m_server->close(); }, Qt::BlockingQueuedConnection);
        // Answer what is in flight: those requests' events are queued or stored.
        const QDeadlineTimer deadline(qMax(drainMs, 100));
        while (!deadline.hasExpired()) {
            int inFlight = 0;
            QMetaObject::invokeMethod(
                m_server, [&] { inFlight = m_server->inFlight(); }, Qt::BlockingQueuedConnection);
            if (inFlight == 0)
                break;
            QThread::msleep(5);
        }
    }
    if (m_worker) {
        m_worker->requestStop(drainMs);
        m_worker->wait();
    }
    if (m_server) {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    if (m_disposer) { // after the worker: it posts to it
        QMetaObject::invokeMethod(
            m_disposer, [this] { delete m_disposer; }, Qt::BlockingQueuedConnection);
        m_disposer = nullptr;
    }
    m_networkThread.quit();
    m_networkThread.wait();
    m_handler.reset();
    m_worker.reset();
}

QString Engine::baseUrl() const
{
    return u"http://%1:%2"_s.arg(m_options.host).arg(m_port);
}

QString Engine::ingestUrl(const QString &token) const
{
    return baseUrl() + u"/integrations/receive/"_s + token;
}

void Engine::setPaused(bool paused)
{
    m_paused = paused;
    if (m_server)
        QMetaObject::invokeMethod(m_server, [this, paused] { m_server->setPaused(paused); });
}

bool Engine::reloadConfiguration(QString *error)
{
    const QString name = Database::uniqueConnectionName(u"engine-reload"_s);
    bool ok = false;
    {
        QSqlDatabase db = Database::open(m_options.database, name, error);
        if (db.isValid())
            ok = m_config.reload(db, true, error);
    }
    Database::close(name);
    if (ok && m_worker)
        m_worker->poke();
    return ok;
}

} // namespace inlet
