#pragma once

#include "store/CachedQuery.h"
#include "store/SqliteStatementCache.h"

#include <QByteArray>
#include <QSqlQuery>
#include <QString>
#include <QVarLengthArray>
#include <QVariant>

#include <optional>

namespace inlet {

class SqlBatch;

// One prepared statement with positional bound values, compiled once per
// connection. On SQLite it runs through the C API on Qt's handle
// (SqliteStatementCache); on PostgreSQL through a cached QSqlQuery. Every
// failure throws StoreFailure carrying the database's message, so callers
// read straight-line.
class SqlStatement final
{
public:
    SqlStatement(const QSqlDatabase &db, const QString &sql);
    // A write that joins `batch` when it collects (SqlBatch): binding and
    // exec() then hand the statement to the batch, and it runs with the
    // batch's exec(); insertedSeq() is 0. Otherwise as above.
    SqlStatement(const QSqlDatabase &db, const QString &sql, SqlBatch *batch);
    ~SqlStatement();
    SqlStatement(const SqlStatement &) = delete;
    SqlStatement &operator=(const SqlStatement &) = delete;

    // Binds the next parameter: text, integers, booleans (as 0/1), doubles,
    // bytes (a BLOB), or SQL NULL for a null or invalid QVariant.
    SqlStatement &bind(const QVariant &value);
    // Binds `text`, or SQL NULL when it is a null QString.
    SqlStatement &bindText(const QString &text);
    // Binds `text` and never NULL: for the NOT NULL DEFAULT '' columns.
    SqlStatement &bindNonNull(const QString &text);
    // Binds UTF-8 text (JSON from QJsonDocument::toJson) without a detour
    // through QString; SQL NULL when `utf8` is null.
    SqlStatement &bindUtf8(const QByteArray &utf8);
    void exec();

    bool next();
    QVariant value(int column) const;
    QString text(int column) const; // a null QString for SQL NULL
    // Text as its UTF-8 bytes, or a BLOB's bytes, without a detour through
    // QString; a null QByteArray for SQL NULL.
    QByteArray bytes(int column) const;
    qint64 integer(int column) const;
    int rowsAffected() const;
    // After an INSERT: its `RETURNING seq` row, or else the new rowid.
    qint64 insertedSeq();

    // A typed SQL NULL for text columns (an invalid QVariant would not say
    // which type it stands for).
    static QVariant nullText();

private:
    void open(const QSqlDatabase &db, const QString &sql);
    [[noreturn]] void failNative();
    void rewindIfRun(); // binding or executing again after exec()

    // SQLite: the leased native statement.
    SqliteStatementCache *m_cache = nullptr;
    SqliteStatementCache::Lease m_lease;
    int m_nextParam = 1;
    bool m_run = false;        // exec() stepped the statement since its reset
    int m_step = 0;            // the last sqlite3_step() result
    bool m_rowWaiting = false; // exec() stepped onto the first row
    bool m_onRow = false;
    int m_changes = 0;
    // Bound text is kept here while the statement runs (SQLITE_STATIC).
    QVarLengthArray<QByteArray, 12> m_keep;
    // PostgreSQL, or SQLite from another thread than the connection's.
    std::optional<CachedQuery> m_query;
    // Collecting: the statement's text for the batch.
    SqlBatch *m_batch = nullptr;
    QString m_batchSql;
};

} // namespace inlet
