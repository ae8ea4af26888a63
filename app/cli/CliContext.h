#pragma once

#include "store/DatabaseUrl.h"

#include <QCommandLineParser>
#include <QSqlDatabase>
#include <QTextStream>

namespace inlet::cli {

// Exit codes of SPEC section 2.
enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

// Parsed command line shared by every subcommand, and the database
// connection they use.
class CliContext final
{
public:
    CliContext();
    ~CliContext();

    // Parses `arguments`; on a usage problem prints it and returns false.
    bool parse(const QStringList &arguments);

    QCommandLineParser &parser() { return m_parser; }
    QString command() const;
    QStringList args() const; // positional arguments after the command
    bool json() const;

    QString dataDir() const;
    DatabaseUrl databaseUrl() const;
    QString listenHost() const;
    int listenPort() const; // -1 when --listen is malformed

    // Opens (creating and migrating if needed) the database.
    QSqlDatabase &db();
    bool openDatabase(QString *error);

    QTextStream &out() { return m_out; }
    int fail(const QString &message);  // prints "inletd: message" to stderr, returns 1
    int usage(const QString &message); // prints message and a hint, returns 2
    QString ingestBase() const;        // http://HOST:PORT of --listen

private:
    QCommandLineParser m_parser;
    QTextStream m_out;
    QSqlDatabase m_db;
    QString m_connection;
};

} // namespace inlet::cli
