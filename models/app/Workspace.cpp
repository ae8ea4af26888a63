#include "models/app/Workspace.h"

#include "config/ConfigRepository.h"
#include "config/TemplateRegistry.h"
#include "ingest/Engine.h"
#include "models/db/SqlWorker.h"
#include "store/Database.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

Workspace::Workspace(Engine *engine, DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_url(std::move(url))
    , m_connection(Database::uniqueConnectionName(u"gui"_s))
    , m_worker(new SqlWorker(m_url, this))
{
    if (m_engine) {
        connect(m_engine, &Engine::eventsStored, this, &Workspace::eventsStored);
        connect(m_engine, &Engine::eventProcessed, this, &Workspace::eventProcessed);
    }
}

Workspace::~Workspace()
{
    delete m_worker; // joins the worker thread before the GUI connection goes
    m_worker = nullptr;
    if (m_db.isValid()) {
        m_db = QSqlDatabase();
        Database::close(m_connection);
    }
}

bool Workspace::open(QString *error)
{
    m_db = Database::open(m_url, m_connection, error);
    if (!m_db.isValid())
        return false;
    if (!Database::migrate(m_db, error))
        return false;
    ConfigRepository repo(m_db);
    if (!repo.ensureDefaults(error))
        return false;
    return reload(error);
}

bool Workspace::reload(QString *error)
{
    ConfigRepository repo(m_db);
    std::optional<Configuration> config = repo.load(error);
    if (!config)
        return false;
    m_config = std::move(*config);
    bool known = false;
    for (const Environment &e : std::as_const(m_config.environments))
        known = known || e.key == m_environment;
    if (!known && !m_config.environments.isEmpty())
        m_environment = m_config.environments.first().key;
    Q_EMIT configurationChanged();
    return true;
}

void Workspace::setEnvironment(const QString &env)
{
    if (env == m_environment)
        return;
    m_environment = env;
    Q_EMIT environmentChanged(env);
}

const SourceConfig *Workspace::sourceConfig(const QString &source) const
{
    return m_config.config(source, m_environment);
}

QStringList Workspace::workflows() const
{
    return m_config.workflows.value(m_environment);
}

bool Workspace::apply(const Configuration &config, QString *error)
{
    ConfigRepository repo(m_db);
    if (!repo.apply(config, error))
        return false;
    // The engine also polls the version; reloading now makes the change
    // take effect before the next request.
    if (m_engine && !m_engine->reloadConfiguration(error))
        return false;
    return reload(error);
}

bool Workspace::removeSource(const QString &key, QString *error)
{
    ConfigRepository repo(m_db);
    if (!repo.removeSource(key, error))
        return false;
    if (m_engine && !m_engine->reloadConfiguration(error))
        return false;
    return reload(error);
}

bool Workspace::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    ConfigErrors errors;
    const std::optional<Configuration> config = Configuration::parse(file.readAll(), TemplateRegistry::instance(),
                                                                     ConfigRepository(m_db).environmentKeys(), errors);
    if (!config) {
        if (error)
            *error = errors.joined();
        return false;
    }
    return apply(*config, error);
}

QString Workspace::baseUrl() const
{
    return m_engine && m_engine->isRunning() && m_engine->port() ? m_engine->baseUrl() : QString();
}

QString Workspace::ingestUrl(const QString &token) const
{
    return m_engine ? m_engine->ingestUrl(token) : QString(u"/integrations/receive/"_s + token);
}

} // namespace inlet
