#pragma once

#include <QString>

namespace inlet {

// `sqlite:PATH` or `postgresql://user:pass@host:port/db[?schema=NAME]` (SPEC section 2).
struct DatabaseUrl
{
    enum class Kind { Invalid, Sqlite, Postgres };
    Kind kind = Kind::Invalid;
    QString path; // SQLite file
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString schema; // `?schema=NAME`: the tables live in this schema (several stores in one database)
    QString error;

    static DatabaseUrl parse(const QString &url);
    bool isValid() const { return kind != Kind::Invalid; }
    // The URL with the password hidden, for messages.
    QString display() const;
};

} // namespace inlet
