#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

namespace inlet {

// The SQL that differs between SQLite and PostgreSQL, in one place, so the
// statements elsewhere stay written once. Chosen from a connection's driver.
class SqlDialect final
{
public:
    enum class Backend { Sqlite, Postgres };

    explicit SqlDialect(Backend backend)
        : m_backend(backend)
    {}
    static SqlDialect of(const QSqlDatabase &db);

    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::Postgres; }

    // Starts a transaction that will write. SQLite takes the write lock at
    // once (BEGIN IMMEDIATE) so readers-turned-writers never deadlock;
    // PostgreSQL locks rows as they are touched.
    QString beginWrite() const;

    // How durable the commit of a writing transaction must be.
    // Durable: on disk before COMMIT returns (what a 2xx promises).
    // Relaxed: processing. A crash may undo the commit, but only as a whole,
    // leaving its events `accepted` to be processed again (still exactly
    // once); the next durable commit makes it durable too (SQLite's WAL and
    // PostgreSQL's are both written in order).
    enum class Commit { Durable, Relaxed };
    // Runs beginWrite() with the settings for `commit`.
    bool begin(QSqlDatabase &db, Commit commit, QString *error) const;

    // Appended to an INSERT into a table with a `seq` key: PostgreSQL has no
    // lastInsertId for tables without OIDs, so the key is returned by the
    // statement itself (read it with insertedSeq()).
    QString returningSeq() const;
    static qint64 insertedSeq(class QSqlQuery &query);

    // Appended to the SELECT of the processing queue: PostgreSQL locks the
    // rows it returns and skips those another instance holds, so each event
    // is processed by one instance; the locks vanish with a dead connection.
    QString lockQueueRows() const;

    // Appended to a SELECT that reads a row in order to rewrite it: on
    // PostgreSQL another instance could change it in between. `table` names
    // the one table locked when the SELECT joins others.
    QString forUpdate(const QString &table = {}) const;

    // `column` contains `?` as a substring (case-sensitive).
    QString containsText(const QString &column) const;

    // The same for the event body (a BLOB of UTF-8): PostgreSQL keeps it as
    // BYTEA, byte for byte (its text type cannot hold U+0000), and narrows
    // with a LIKE that its trigram index (pg_trgm, when installed) answers
    // before testing the bytes. Bind bodySearchValues(text).
    QString containsBody() const;
    QVariantList bodySearchValues(const QString &text) const;

    // Value bound to `LIMIT ?` for "no limit": SQLite reads -1 so, PostgreSQL
    // reads NULL so (it rejects a negative limit).
    QVariant noLimit() const;

    // The driver's message for a failed statement on one line: PostgreSQL's
    // comes as "ERROR:  text\nLINE 1: ..." with the statement quoted.
    static QString errorText(const class QSqlError &error);

    // Translates a CREATE/ALTER statement of the schema description (written
    // in SQLite's types) into this backend's types.
    QString schemaStatement(const QString &sql) const;

private:
    Backend m_backend;
};

} // namespace inlet
