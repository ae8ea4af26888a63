#include "store/SqlDialect.h"

#include "store/SqlExec.h"

#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

SqlDialect SqlDialect::of(const QSqlDatabase &db)
{
    return SqlDialect(db.driverName() == u"QPSQL"_s ? Backend::Postgres : Backend::Sqlite);
}

QString SqlDialect::beginWrite() const
{
    return isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s;
}

bool SqlDialect::begin(QSqlDatabase &db, Commit commit, QString *error) const
{
    if (isPostgres()) {
        // One round trip: a simple query may hold several statements.
        return sqlExec(db, commit == Commit::Durable ? beginWrite() : u"BEGIN; SET LOCAL synchronous_commit = off"_s,
                       error);
    }
    return sqlExec(db, commit == Commit::Durable ? u"PRAGMA synchronous=FULL"_s : u"PRAGMA synchronous=NORMAL"_s,
                   error) &&
           sqlExec(db, beginWrite(), error);
}

QString SqlDialect::returningSeq() const
{
    return isPostgres() ? u" RETURNING seq"_s : QString();
}

qint64 SqlDialect::insertedSeq(QSqlQuery &query)
{
    if (query.isSelect())
        return query.next() ? query.value(0).toLongLong() : 0;
    return query.lastInsertId().toLongLong();
}

QString SqlDialect::lockQueueRows() const
{
    // OF events: the queue's reads join the event's headers and body, which
    // need no lock (nothing rewrites them).
    return isPostgres() ? u" FOR UPDATE OF events SKIP LOCKED"_s : QString();
}

QString SqlDialect::forUpdate(const QString &table) const
{
    if (!isPostgres())
        return {};
    return table.isEmpty() ? u" FOR UPDATE"_s : u" FOR UPDATE OF "_s + table;
}

QString SqlDialect::containsText(const QString &column) const
{
    return (isPostgres() ? u"strpos("_s : u"instr("_s) + column + u", ?) > 0"_s;
}

QString SqlDialect::containsBody() const
{
    if (!isPostgres())
        return containsText(u"body"_s);
    // inlet_text(body) is the indexed expression (see Schema.cpp); it is NULL
    // for a body that is not UTF-8 text, which text search does not find.
    return u"inlet_text(body) LIKE ? ESCAPE '\\' AND position(convert_to(?, 'UTF8') IN body) > 0"_s;
}

QVariantList SqlDialect::bodySearchValues(const QString &text) const
{
    if (!isPostgres())
        return {text};
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return {QString(u"%"_s + escaped + u"%"_s), text};
}

QVariant SqlDialect::noLimit() const
{
    return isPostgres() ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(-1);
}

QString SqlDialect::errorText(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        return error.text();
    text = text.section(u'\n', 0, 0).trimmed();
    for (const QString &prefix : {u"ERROR:"_s, u"FATAL:"_s}) {
        if (text.startsWith(prefix))
            text = text.mid(prefix.size()).trimmed();
    }
    return text;
}

QString SqlDialect::schemaStatement(const QString &sql) const
{
    if (!isPostgres())
        return sql;
    QString out = sql;
    // SQLite's INTEGER is 64-bit; PostgreSQL's is 32 (milliseconds overflow it).
    static const QRegularExpression rowid(u"\\bseq INTEGER PRIMARY KEY\\b"_s);
    static const QRegularExpression integer(u"\\bINTEGER\\b"_s);
    static const QRegularExpression real(u"\\bREAL\\b"_s);
    static const QRegularExpression blob(u"\\bBLOB\\b"_s);
    out.replace(rowid, u"seq BIGSERIAL PRIMARY KEY"_s);
    out.replace(integer, u"BIGINT"_s);
    out.replace(real, u"DOUBLE PRECISION"_s);
    out.replace(blob, u"BYTEA"_s);
    // Byte order, as SQLite's BINARY collation: listings sort the same on
    // both, whatever locale the PostgreSQL cluster was created with.
    static const QRegularExpression table(u"^(CREATE|ALTER) TABLE\\b"_s);
    static const QRegularExpression text(u"\\bTEXT\\b"_s);
    if (table.match(out).hasMatch())
        out.replace(text, u"TEXT COLLATE \"C\""_s);
    return out;
}

} // namespace inlet
