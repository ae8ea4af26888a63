#pragma once

#include "config/Configuration.h"

#include <QSqlDatabase>

namespace inlet {

// Reads and writes the configuration held in the database, which is the
// source of truth shared by `inletd serve`, the CLI and the desktop app.
class ConfigRepository final
{
public:
    explicit ConfigRepository(QSqlDatabase db);

    // Creates the `development` and `production` environments on a new database.
    bool ensureDefaults(QString *error);

    std::optional<Configuration> load(QString *error) const;
    QSet<QString> environmentKeys() const;

    // Applies `incoming` in one transaction (nothing half-applied): creates or
    // updates its environments, workflow lists and sources; leaves sources the
    // file does not name alone. A configuration without a token keeps its
    // stored token, or gets a generated one; one without secrets or keys keeps
    // the stored ones, so an export without secrets re-imports safely.
    bool apply(const Configuration &incoming, QString *error);

    // Removes a source with all its configurations.
    bool removeSource(const QString &key, QString *error);

    // Incremented by every change; running engines poll it to reload.
    qint64 version() const;

private:
    bool bumpVersion(QString *error);
    QSqlDatabase m_db;
};

} // namespace inlet
