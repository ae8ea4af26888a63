#pragma once

#include "config/Configuration.h"
#include "store/DatabaseUrl.h"

#include <QObject>
#include <QSqlDatabase>

namespace inlet {

class Engine;
class SqlWorker;

// What every page of the desktop app shares: the embedded engine, the
// selected environment, the configuration as last loaded, a connection on
// the GUI thread for short configuration reads and writes, and the worker
// that runs every log and store query off the GUI thread.
class Workspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Workspace)
public:
    // `engine` may be null (a workspace over a database only, e.g. in tests).
    Workspace(Engine *engine, DatabaseUrl url, QObject *parent = nullptr);
    ~Workspace() override;

    bool open(QString *error);

    Engine *engine() const { return m_engine; }
    SqlWorker *worker() const { return m_worker; }
    QSqlDatabase database() const { return m_db; }

    QString environment() const { return m_environment; }
    void setEnvironment(const QString &env);
    const QList<Environment> &environments() const { return m_config.environments; }

    const Configuration &configuration() const { return m_config; }
    const SourceConfig *sourceConfig(const QString &source) const; // in the current environment
    QStringList workflows() const;                                 // of the current environment

    // Applies `config` (sources it names, environments, workflows) to the
    // database, tells the running engine, reloads, emits configurationChanged.
    bool apply(const Configuration &config, QString *error);
    bool removeSource(const QString &key, QString *error);
    // Imports a configuration file (SPEC 11), as `inletd config import` does.
    bool importFile(const QString &path, QString *error);
    bool reload(QString *error);

    QString baseUrl() const;
    QString ingestUrl(const QString &token) const;

Q_SIGNALS:
    void environmentChanged(const QString &env);
    void configurationChanged();
    // New events were stored or processed (batched by the engine's signals).
    void eventsStored(int count);
    void eventProcessed(const QString &id, const QString &status);

private:
    Engine *m_engine;
    DatabaseUrl m_url;
    QString m_connection;
    QSqlDatabase m_db;
    SqlWorker *m_worker;
    Configuration m_config;
    QString m_environment;
};

} // namespace inlet
