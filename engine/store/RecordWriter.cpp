#include "store/RecordWriter.h"

#include "store/JsonText.h"
#include "store/SqlDialect.h"
#include "store/SqlStatement.h"
#include "util/JsonWriter.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QString whereClause(const QStringList &keyColumns)
{
    QString sql = u" WHERE env = ?"_s;
    for (const QString &c : keyColumns)
        sql += u" AND "_s + c + u" = ?"_s;
    return sql;
}

// Whether every column the patch names already holds its value; `read` has
// them after `properties`, in the patch's order.
bool unchanged(const RecordPatch &patch, const SqlStatement &read)
{
    for (qsizetype i = 0; i < patch.columns.size(); ++i) {
        const QVariant &value = patch.columns.at(i).second;
        const QString stored = read.text(int(i) + 1);
        if (value.isNull() ? !stored.isNull() : stored.isNull() || stored != value.toString())
            return false;
    }
    return true;
}

} // namespace

RecordWriter::RecordWriter(const QSqlDatabase &db, const QString &env, const ActionContext &ctx)
    : m_db(db)
    , m_env(env)
    , m_ctx(ctx)
{}

bool RecordWriter::upsertUser(const QString &id, const RecordPatch &patch)
{
    return upsert(u"users"_s, {u"id"_s}, {id}, patch);
}

bool RecordWriter::upsertObject(const QString &collection, const QString &id, const RecordPatch &patch)
{
    return upsert(u"objects"_s, {u"collection"_s, u"id"_s}, {collection, id}, patch);
}

bool RecordWriter::upsertTenant(const QString &id, const RecordPatch &patch)
{
    return upsert(u"tenants"_s, {u"id"_s}, {id}, patch);
}

bool RecordWriter::userExists(const QString &id) const
{
    return exists(u"users"_s, {u"id"_s}, {id});
}

bool RecordWriter::objectExists(const QString &collection, const QString &id) const
{
    return exists(u"objects"_s, {u"collection"_s, u"id"_s}, {collection, id});
}

void RecordWriter::writeInline(const QList<RecipientRef> &recipients)
{
    for (const RecipientRef &r : recipients) {
        if (!r.isInline)
            continue;
        if (r.isUser())
            upsertUser(r.id, r.patch);
        else
            upsertObject(r.collection, r.id, r.patch);
    }
}

QList<RecipientRef> RecordWriter::keepExisting(const QList<RecipientRef> &recipients, QJsonArray *leftOut) const
{
    QList<RecipientRef> kept;
    for (const RecipientRef &r : RecipientRef::distinct(recipients)) {
        if (r.isUser() ? userExists(r.id) : objectExists(r.collection, r.id))
            kept.append(r);
        else
            leftOut->append(r.leftOut(r.isUser() ? u"not an identified user"_s : u"object does not exist"_s));
    }
    return kept;
}

bool RecordWriter::exists(const QString &table, const QStringList &keyColumns, const QStringList &keys) const
{
    SqlStatement q(m_db, u"SELECT 1 FROM "_s + table + whereClause(keyColumns));
    q.bind(m_env);
    for (const QString &k : keys)
        q.bind(k);
    q.exec();
    return q.next();
}

bool RecordWriter::upsert(const QString &table, const QStringList &keyColumns, const QStringList &keys,
                          const RecordPatch &patch)
{
    // Read, merge, write: the shallow merge of properties needs the stored
    // document, and the caller's transaction keeps the steps atomic. On
    // PostgreSQL other instances write concurrently: the row is read FOR
    // UPDATE, so no merge is lost between the read and the write, and a
    // missing row is inserted with ON CONFLICT DO NOTHING, which waits for a
    // concurrent creator; its row is then read again and merged into.
    // Round trips there: one for a record that did not change, two for a
    // change or a new record.
    const bool pg = SqlDialect::of(m_db).isPostgres();
    QString readSql = u"SELECT properties"_s;
    for (const auto &[column, value] : patch.columns)
        readSql += u", "_s + column;
    readSql += u" FROM "_s + table + whereClause(keyColumns) + SqlDialect::of(m_db).forUpdate();
    for (int attempt = 0;; ++attempt) {
        SqlStatement read(m_db, readSql);
        read.bind(m_env);
        for (const QString &k : keys)
            read.bind(k);
        read.exec();
        if (!read.next()) {
            // A second miss (the row created concurrently, then deleted)
            // inserts plainly: a conflict then fails the action.
            if (insert(table, keyColumns, keys, patch, JsonWriter::write(patch.mergedInto(QJsonObject())),
                       pg && attempt == 0))
                return true;
            continue;
        }
        const QJsonObject stored = JsonText::toObject(read.text(0));
        const QJsonObject merged = patch.mergedInto(stored);
        if (merged == stored && unchanged(patch, read))
            return false; // the same data again: nothing to write (docs/decisions.md)
        QString sql = u"UPDATE "_s + table + u" SET properties = ?, updated_at = ?, updated_by_event = ?"_s;
        for (const auto &[column, value] : patch.columns)
            sql += u", "_s + column + u" = ?"_s;
        sql += whereClause(keyColumns);
        SqlStatement q(m_db, sql);
        q.bindUtf8(JsonWriter::write(merged)).bind(m_ctx.nowMs).bindText(m_ctx.eventId);
        for (const auto &[column, value] : patch.columns)
            q.bind(value);
        q.bind(m_env);
        for (const QString &k : keys)
            q.bind(k);
        q.exec();
        return false;
    }
}

bool RecordWriter::insert(const QString &table, const QStringList &keyColumns, const QStringList &keys,
                          const RecordPatch &patch, const QByteArray &properties, bool ifAbsent)
{
    QStringList columns = QStringList{u"env"_s} + keyColumns;
    columns << u"properties"_s << u"created_at"_s << u"updated_at"_s << u"updated_by_event"_s;
    for (const auto &[column, value] : patch.columns)
        columns << column;
    QStringList marks;
    marks.fill(u"?"_s, columns.size());
    SqlStatement q(m_db, u"INSERT INTO "_s + table + u" ("_s + columns.join(u", "_s) + u") VALUES ("_s +
                             marks.join(u", "_s) + u")"_s +
                             (ifAbsent ? u" ON CONFLICT DO NOTHING RETURNING 1"_s : QString()));
    q.bind(m_env);
    for (const QString &k : keys)
        q.bind(k);
    q.bindUtf8(properties).bind(m_ctx.nowMs).bind(m_ctx.nowMs).bindText(m_ctx.eventId);
    for (const auto &[column, value] : patch.columns)
        q.bind(value);
    q.exec();
    return !ifAbsent || q.next();
}

} // namespace inlet
