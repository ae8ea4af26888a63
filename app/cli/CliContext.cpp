#include "cli/CliContext.h"

#include "config/ConfigRepository.h"
#include "store/Database.h"
#include "util/DataDirectory.h"

#include <QDir>
#include <QStandardPaths>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {

CliContext::CliContext()
    : m_out(stdout)
{
    m_parser.setApplicationDescription(u"Inlet: webhook and CDP ingestion engine (headless)."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({
        {u"data-dir"_s, u"Where the SQLite database and other state live."_s, u"DIR"_s},
        {u"database"_s, u"sqlite:PATH or postgresql://user:pass@host:port/db."_s, u"URL"_s},
        {u"listen"_s, u"Ingestion address (default 127.0.0.1:8470; port 0 picks a free one)."_s, u"HOST:PORT"_s},
        {u"config"_s, u"Import a configuration file at start."_s, u"FILE"_s},
        {u"json"_s, u"Print JSON (one object per line for lists)."_s},
        {u"env"_s, u"Environment."_s, u"ENV"_s},
        {u"source"_s, u"Source key."_s, u"KEY"_s},
        {u"type"_s, u"Event type."_s, u"TYPE"_s},
        {u"status"_s, u"Status."_s, u"STATUS"_s},
        {u"since"_s, u"From this time (ISO-8601, or 15m, 2h, 7d ago)."_s, u"TIME"_s},
        {u"until"_s, u"Before this time (ISO-8601, or 15m, 2h, 7d ago)."_s, u"TIME"_s},
        {u"search"_s, u"Text contained in the body."_s, u"TEXT"_s},
        {u"where"_s, u"PATH=VALUE on the event, e.g. body.data.object.customer=cus_1."_s, u"PATH=VALUE"_s},
        {u"limit"_s, u"At most N rows (newest first; default 50)."_s, u"N"_s},
        {u"event"_s, u"Event id (actions)."_s, u"ID"_s},
        {u"action-type"_s, u"Action type (actions)."_s, u"TYPE"_s},
        {u"include-secrets"_s, u"config export: include secrets and keys."_s},
        {u"output"_s, u"config export: write to FILE (owner-only when it holds secrets)."_s, u"FILE"_s},
        {u"retention-days"_s, u"serve: delete logs older than N days (default 30; 0 keeps everything)."_s, u"N"_s},
        {u"max-body-bytes"_s, u"serve: largest accepted body (default 5 MiB)."_s, u"BYTES"_s},
        {u"check"_s, u"migrate: report pending schema migrations (exit 1 when some are), change nothing."_s},
        {u"from"_s, u"migrate: copy this database (e.g. sqlite:PATH)..."_s, u"URL"_s},
        {u"to"_s, u"migrate: ...into this one (e.g. postgresql://...), which must be empty."_s, u"URL"_s},
    });
    m_parser.addPositionalArgument(u"command"_s,
                                   u"serve | config import FILE | config export | sources | templates | events |"
                                   " actions | show ID | replay ID | rehearse FILE | data KIND | stats |"
                                   " migrate [--check | --from URL --to URL]"_s);
}

CliContext::~CliContext()
{
    if (!m_connection.isEmpty()) {
        m_db = QSqlDatabase();
        Database::close(m_connection);
    }
}

bool CliContext::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments)) {
        usage(m_parser.errorText());
        return false;
    }
    return true;
}

QString CliContext::command() const
{
    const QStringList p = m_parser.positionalArguments();
    return p.isEmpty() ? QString() : p.first();
}

QStringList CliContext::args() const
{
    return m_parser.positionalArguments().mid(1);
}

bool CliContext::json() const
{
    return m_parser.isSet(u"json"_s);
}

QString CliContext::dataDir() const
{
    if (m_parser.isSet(u"data-dir"_s))
        return m_parser.value(u"data-dir"_s);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

DatabaseUrl CliContext::databaseUrl() const
{
    if (m_parser.isSet(u"database"_s))
        return DatabaseUrl::parse(m_parser.value(u"database"_s));
    return DatabaseUrl::parse(u"sqlite:"_s + QDir(dataDir()).filePath(u"inlet.sqlite"_s));
}

QString CliContext::listenHost() const
{
    const QString l = m_parser.value(u"listen"_s);
    if (l.isEmpty())
        return u"127.0.0.1"_s;
    const qsizetype colon = l.lastIndexOf(u':');
    QString host = colon < 0 ? l : l.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return host.isEmpty() ? u"127.0.0.1"_s : host;
}

int CliContext::listenPort() const
{
    const QString l = m_parser.value(u"listen"_s);
    if (l.isEmpty())
        return 8470;
    const qsizetype colon = l.lastIndexOf(u':');
    if (colon < 0)
        return -1;
    bool ok = false;
    const int port = l.mid(colon + 1).toInt(&ok);
    return ok && port >= 0 && port <= 65535 ? port : -1;
}

QString CliContext::ingestBase() const
{
    const QString host = listenHost();
    return u"http://%1:%2"_s.arg(host.contains(u':') ? u'[' + host + u']' : host).arg(listenPort());
}

bool CliContext::openDatabase(QString *error)
{
    if (m_db.isValid())
        return true;
    const DatabaseUrl url = databaseUrl();
    if (!url.isValid()) {
        *error = url.error;
        return false;
    }
    if (url.kind == DatabaseUrl::Kind::Sqlite && !m_parser.isSet(u"database"_s)) {
        // The data directory holds secrets: created owner-only.
        if (!DataDirectory::ensure(dataDir(), error))
            return false;
    }
    m_connection = Database::uniqueConnectionName(u"cli"_s);
    m_db = Database::open(url, m_connection, error);
    if (!m_db.isValid())
        return false;
    ConfigRepository repo(m_db);
    return Database::migrate(m_db, error) && repo.ensureDefaults(error);
}

QSqlDatabase &CliContext::db()
{
    return m_db;
}

int CliContext::fail(const QString &message)
{
    m_out.flush();
    std::fprintf(stderr, "inletd: %s\n", message.toLocal8Bit().constData());
    return Failure;
}

int CliContext::usage(const QString &message)
{
    m_out.flush();
    std::fprintf(stderr, "inletd: %s\nRun 'inletd --help' for usage.\n", message.toLocal8Bit().constData());
    return Usage;
}

} // namespace inlet::cli
