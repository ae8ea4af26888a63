#pragma once

#include <QList>
#include <QString>

namespace inlet::schema {

// One statement of a migration. Statements are written in SQLite's types and
// translated for PostgreSQL (SqlDialect::schemaStatement); a few exist on one
// backend only (PostgreSQL's JSONB copy of the body and its indexes).
struct Step
{
    enum class Only { Both, Sqlite, Postgres };
    QString sql;
    Only only = Only::Both;

    Step(const QString &s, Only o = Only::Both) // implicit: most steps are plain SQL
        : sql(s)
        , only(o)
    {}
};

// One entry per schema version; each is a list of statements applied in a
// transaction. Append new versions, never edit released ones.
const QList<QList<Step>> &migrations();

} // namespace inlet::schema
