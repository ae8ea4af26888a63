#include "store/DatabaseCopier.h"

#include "store/SqlDialect.h"
#include "store/SqlExec.h"

#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

DatabaseCopier::DatabaseCopier(QSqlDatabase from, QSqlDatabase to)
    : m_from(std::move(from))
    , m_to(std::move(to))
{}

const QStringList &DatabaseCopier::tables()
{
    static const QStringList all = {
        u"meta"_s,          u"environments"_s, u"sources"_s,          u"source_configs"_s, u"workflows"_s, u"events"_s,
        u"event_bodies"_s,  u"actions"_s,      u"idempotency"_s,      u"users"_s,          u"objects"_s,   u"tenants"_s,
        u"subscriptions"_s, u"audiences"_s,    u"audience_members"_s, u"workflow_runs"_s,
    };
    return all;
}

bool DatabaseCopier::targetIsEmpty(QString *error)
{
    QSqlQuery q(m_to);
    if (!q.exec(u"SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM source_configs)"_s) || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    if (q.value(0).toLongLong() > 0) {
        *error = u"the target database already holds sources or events; migrate into an empty one"_s;
        return false;
    }
    return true;
}

bool DatabaseCopier::copy(QString *error)
{
    if (!targetIsEmpty(error))
        return false;
    // One transaction on each side: a consistent snapshot of the source,
    // all or nothing on the target.
    if (!sqlExec(m_from, u"BEGIN"_s, error) || !sqlExec(m_to, SqlDialect::of(m_to).beginWrite(), error))
        return false;
    const auto rollback = [&] {
        sqlExec(m_to, u"ROLLBACK"_s, nullptr);
        sqlExec(m_from, u"ROLLBACK"_s, nullptr);
        return false;
    };
    // The defaults a fresh target was given (environments, meta) make way for the source's.
    for (const QString &table : tables()) {
        if (!sqlExec(m_to, u"DELETE FROM "_s + table, error))
            return rollback();
    }
    for (const QString &table : tables()) {
        const qint64 rows = copyTable(table, error);
        if (rows < 0) {
            *error = u"%1: %2"_s.arg(table, *error);
            return rollback();
        }
        if (m_progress)
            m_progress(table, rows);
    }
    if (SqlDialect::of(m_to).isPostgres()) {
        // Rows kept their seq; new ones must continue after them.
        for (const QString &table : {u"events"_s, u"actions"_s}) {
            if (!sqlExec(
                    m_to,
                    u"SELECT setval(pg_get_serial_sequence('%1', 'seq'), coalesce((SELECT max(seq) FROM %1), 0) + 1,"
                    " false)"_s.arg(table),
                    error))
                return rollback();
        }
    } else if (!sqlExec(m_to, u"INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_indexed_seq', '0')"_s, error)) {
        // SQLite's word index is the target's own, empty: it fills behind
        // the copied log (a copied watermark would hide events from search).
        return rollback();
    }
    if (!sqlExec(m_to, u"COMMIT"_s, error))
        return rollback();
    sqlExec(m_from, u"ROLLBACK"_s, nullptr);
    return true;
}

qint64 DatabaseCopier::copyTable(const QString &table, QString *error)
{
    const QSqlRecord columns = m_from.record(table);
    if (columns.isEmpty()) {
        *error = u"no such table in the source"_s;
        return -1;
    }
    QStringList names;
    QStringList marks;
    for (int i = 0; i < columns.count(); ++i) {
        // PostgreSQL's JSONB copy of a body is computed from it, never written.
        if (columns.fieldName(i) == u"body_json"_s)
            continue;
        names << columns.fieldName(i);
        marks << u"?"_s;
    }
    const bool pg = SqlDialect::of(m_to).isPostgres();
    const int bodyColumn = int(names.indexOf(u"body"_s));
    QSqlQuery read(m_from);
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT "_s + names.join(u", "_s) + u" FROM "_s + table)) {
        *error = read.lastError().text();
        return -1;
    }
    QSqlQuery write(m_to);
    if (!write.prepare(u"INSERT INTO "_s + table + u" ("_s + names.join(u", "_s) + u") VALUES ("_s +
                       marks.join(u", "_s) + u")"_s)) {
        *error = write.lastError().text();
        return -1;
    }
    qint64 rows = 0;
    while (read.next()) {
        for (int i = 0; i < names.size(); ++i) {
            QVariant v = read.value(i);
            if (pg && i == bodyColumn && !v.isNull() && v.typeId() != QMetaType::QByteArray)
                v = v.toString().toUtf8(); // as EventLog::insertEvent: BYTEA on PostgreSQL
            write.addBindValue(v);
        }
        if (!write.exec()) {
            *error = write.lastError().text();
            return -1;
        }
        ++rows;
    }
    return rows;
}

} // namespace inlet
