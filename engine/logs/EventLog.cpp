#include "logs/EventLog.h"

#include "logs/LogWhere.h"
#include "logs/PayloadFromBody.h"
#include "logs/RunDataFromBody.h"
#include "logs/SearchIndex.h"
#include "store/CachedQuery.h"
#include "store/SqlBatch.h"
#include "store/SqlDialect.h"
#include "store/SqlStatement.h"
#include "store/StoreFailure.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <array>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

const QString kEventColumns =
    u"seq, id, received_at, env, source, origin, event_type, timestamp, idempotency_key, verification_status,"
    " verification_reason, status, status_detail, method, path, query, remote_address, size,"
    " processing_ms, replay_of, processed_at, content_encoding"_s;
const QString kEventBodyColumns = u", headers, body, raw_body, preprocess_output, preprocess_error"_s;
// Headers and body live in a table of their own, which processing never
// rewrites (see Schema.cpp, version 4).
const QString kEventsWithBodies = u" FROM events LEFT JOIN event_bodies USING (seq)"_s;

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QByteArray compactUtf8(const QJsonObject &o)
{
    return JsonWriter::write(o);
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// Text (SQLite) or bytes (PostgreSQL) as bytes.
QByteArray bytesOf(const QSqlQuery &q, int column)
{
    const QVariant v = q.value(column);
    return v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
}

// The processing queue reads bodies through the C API: Qt's driver hands
// text over as UTF-16, which the body then went back from (a fifth of the
// store thread at 20 KB events once the queue was read from the table).
QByteArray bytesOf(const SqlStatement &q, int column)
{
    return q.bytes(column);
}

template <typename Row>
EventRecord readEvent(const Row &q, bool withBody)
{
    EventRecord e;
    e.seq = q.value(0).toLongLong();
    e.id = q.value(1).toString();
    e.receivedAt = q.value(2).toLongLong();
    e.env = q.value(3).toString();
    e.source = q.value(4).toString();
    e.origin = q.value(5).toString();
    e.eventType = q.value(6).toString();
    e.timestamp = q.value(7).toString();
    e.idempotencyKey = q.value(8).toString();
    e.verificationStatus = q.value(9).toString();
    e.verificationReason = q.value(10).toString();
    e.status = q.value(11).toString();
    e.statusDetail = q.value(12).toString();
    e.method = q.value(13).toString();
    e.path = q.value(14).toString();
    e.query = object(bytesOf(q, 15));
    e.remoteAddress = q.value(16).toString();
    e.size = q.value(17).toLongLong();
    e.processingMs = q.value(18).isNull() ? -1 : q.value(18).toDouble();
    e.replayOf = q.value(19).toString();
    e.processedAt = q.value(20).toLongLong();
    e.contentEncoding = q.value(21).toString();
    if (withBody) {
        e.headers = object(bytesOf(q, 22));
        e.body = bytesOf(q, 23);
        e.rawBody = q.value(24).toByteArray();
        e.preprocessOutput = object(bytesOf(q, 25));
        e.preprocessError = q.value(26).toString();
    }
    return e;
}

ActionRecord readAction(const QSqlQuery &q)
{
    ActionRecord a;
    a.seq = q.value(0).toLongLong();
    a.id = q.value(1).toString();
    a.eventId = q.value(2).toString();
    a.env = q.value(3).toString();
    a.source = q.value(4).toString();
    a.eventType = q.value(5).toString();
    a.actionType = q.value(6).toString();
    a.mappingIndex = q.value(7).isNull() ? -1 : q.value(7).toInt();
    a.actionParameters = object(bytesOf(q, 8));
    a.actionPayload = object(bytesOf(q, 9));
    a.actionResult = object(bytesOf(q, 10));
    a.status = q.value(11).toString();
    a.error = q.value(12).toString();
    a.errorParameter = q.value(13).toString();
    a.executedAt = q.value(14).toLongLong();
    a.durationUs = q.value(15).toLongLong();
    a.payloadFromBody = bytesOf(q, 16);
    PayloadFromBody::restore(a.actionPayload, a.payloadFromBody, bytesOf(q, 17));
    return a;
}

// The event's body is read only for an action that logged members by
// reference to it (ActionRecord::payloadFromBody).
const QString kActionColumns =
    u"seq, id, event_id, env, source, event_type, action_type, mapping_index, action_parameters, action_payload,"
    " action_result, status, error, error_parameter, executed_at, duration_us, payload_from_body,"
    " CASE WHEN payload_from_body IS NULL THEN NULL ELSE (SELECT b.body FROM events e"
    " JOIN event_bodies b ON b.seq = e.seq WHERE e.id = actions.event_id) END"_s;

const QString kInsertAction =
    u"INSERT INTO actions (id, event_id, env, source, event_type, action_type, mapping_index, action_parameters,"
    " action_payload, action_result, status, error, error_parameter, executed_at, duration_us, payload_from_body)"
    " VALUES "_s;
const QString kActionValues = u"(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s;

void bindAction(SqlStatement &q, const ActionRecord &a)
{
    q.bind(a.id).bind(a.eventId).bind(a.env).bind(a.source).bind(nullable(a.eventType)).bind(a.actionType);
    q.bind(a.mappingIndex < 0 ? QVariant() : QVariant(a.mappingIndex));
    q.bindUtf8(a.actionParametersJson.isNull() ? compactUtf8(a.actionParameters) : a.actionParametersJson);
    q.bindUtf8(a.actionPayloadJson.isNull() ? compactUtf8(a.actionPayload) : a.actionPayloadJson);
    q.bindUtf8(compactUtf8(a.actionResult));
    q.bind(a.status).bind(nullable(a.error)).bind(nullable(a.errorParameter));
    q.bind(a.executedAt).bind(a.durationUs);
    if (a.payloadFromBody.isEmpty())
        q.bind(QVariant());
    else
        q.bindUtf8(a.payloadFromBody);
}

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}

} // namespace

EventLog::EventLog(QSqlDatabase db)
    : m_db(std::move(db))
{}

bool EventLog::insertEvent(EventRecord &e, QString *error)
{
    const SqlDialect dialect = SqlDialect::of(m_db);
    try {
        SqlStatement q(m_db, u"INSERT INTO events (id, received_at, env, source, origin, event_type, timestamp,"
                             " idempotency_key, verification_status, verification_reason, status, status_detail,"
                             " method, path, query, content_encoding, preprocess_output, remote_address, size,"
                             " processing_ms, replay_of, processed_at, preprocess_error)"
                             " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s +
                                 dialect.returningSeq());
        q.bind(e.id).bind(e.receivedAt).bind(e.env).bind(e.source).bind(e.origin);
        q.bind(nullable(e.eventType)).bind(nullable(e.timestamp)).bind(nullable(e.idempotencyKey));
        q.bind(e.verificationStatus).bind(nullable(e.verificationReason)).bind(e.status);
        q.bind(nullable(e.statusDetail)).bind(nullable(e.method)).bind(nullable(e.path));
        q.bindUtf8(compactUtf8(e.query));
        q.bind(nullable(e.contentEncoding));
        q.bindUtf8(e.preprocessOutput.isEmpty() ? QByteArray() : compactUtf8(e.preprocessOutput));
        q.bind(nullable(e.remoteAddress)).bind(e.size);
        q.bind(e.processingMs < 0 ? QVariant() : QVariant(e.processingMs));
        q.bind(nullable(e.replayOf)).bind(e.processedAt ? QVariant(e.processedAt) : QVariant());
        q.bind(nullable(e.preprocessError));
        q.exec();
        e.seq = q.insertedSeq();

        SqlStatement b(m_db, u"INSERT INTO event_bodies (seq, headers, body, raw_body) VALUES (?,?,?,?)"_s);
        b.bind(e.seq).bindUtf8(compactUtf8(e.headers));
        // PostgreSQL: BYTEA, the bytes as they are; SQLite: text (bytes that
        // are not UTF-8 get replacement characters, as Qt's conversion does).
        if (dialect.isPostgres())
            b.bind(e.body);
        else if (e.body.isValidUtf8())
            b.bindUtf8(e.body);
        else
            b.bind(QString::fromUtf8(e.body));
        b.bind(e.rawBody.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray)) : QVariant(e.rawBody));
        b.exec();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

bool EventLog::finishEvent(const EventRecord &e, Derived changed, QString *error, SqlBatch *batch)
{
    // One text per combination (and key column), built once: the statement
    // cache is keyed by it.
    static const std::array<QString, 16> statements = [] {
        std::array<QString, 16> all;
        for (int i = 0; i < 16; ++i) {
            QString sql = u"UPDATE events SET "_s;
            if (i & 1)
                sql += u"event_type = ?, "_s;
            if (i & 2)
                sql += u"timestamp = ?, "_s;
            if (i & 4)
                sql += u"idempotency_key = ?, "_s;
            // By seq (the rowid) when known: no probe of the id index.
            all[size_t(i)] = sql +
                             u"status = ?, status_detail = ?, processing_ms = ?, replay_of = ?, processed_at = ?,"
                             " preprocess_output = ? WHERE "_s +
                             ((i & 8) ? u"seq = ?"_s : u"id = ?"_s);
        }
        return all;
    }();
    try {
        const int variant = (changed.type ? 1 : 0) | (changed.timestamp ? 2 : 0) | (changed.idempotencyKey ? 4 : 0) |
                            (e.seq > 0 ? 8 : 0);
        const QString &sql = statements[size_t(variant)];
        SqlStatement q(m_db, sql, batch);
        if (changed.type)
            q.bind(nullable(e.eventType));
        if (changed.timestamp)
            q.bind(nullable(e.timestamp));
        if (changed.idempotencyKey)
            q.bind(nullable(e.idempotencyKey));
        q.bind(e.status).bind(nullable(e.statusDetail));
        q.bind(e.processingMs < 0 ? QVariant() : QVariant(e.processingMs));
        q.bind(nullable(e.replayOf)).bind(e.processedAt ? QVariant(e.processedAt) : QVariant());
        q.bindUtf8(e.preprocessOutput.isEmpty() ? QByteArray() : compactUtf8(e.preprocessOutput));
        e.seq > 0 ? q.bind(e.seq) : q.bind(e.id);
        q.exec();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

bool EventLog::insertAction(ActionRecord &a, QString *error)
{
    try {
        SqlStatement q(m_db, kInsertAction + kActionValues + SqlDialect::of(m_db).returningSeq());
        bindAction(q, a);
        q.exec();
        a.seq = q.insertedSeq();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

bool EventLog::insertActions(const QList<ActionRecord> &actions, QString *error, SqlBatch *batch)
{
    if (actions.isEmpty())
        return true;
    if (!batch || !batch->collects()) {
        for (ActionRecord a : actions) {
            if (!insertAction(a, error))
                return false;
        }
        return true;
    }
    // One statement, whose rows take their seq in the order given (the
    // statements of a batch run in no set order).
    try {
        SqlStatement q(m_db, kInsertAction + QStringList(actions.size(), kActionValues).join(u','), batch);
        for (const ActionRecord &a : actions)
            bindAction(q, a);
        q.exec();
        return true;
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        return false;
    }
}

std::optional<EventRecord> EventLog::event(const QString &id) const
{
    CachedQuery q(m_db, u"SELECT "_s + kEventColumns + kEventBodyColumns + kEventsWithBodies + u" WHERE id = ?"_s);
    q->addBindValue(id);
    if (!q.isPrepared() || !q->exec() || !q->next())
        return std::nullopt;
    return readEvent(q.query(), true);
}

std::optional<EventRecord> EventLog::claim(const QString &id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kEventColumns + kEventBodyColumns + kEventsWithBodies + u" WHERE id = ?"_s +
              SqlDialect::of(m_db).forUpdate(u"events"_s));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readEvent(q, true);
}

QList<EventRecord> EventLog::events(const LogFilter &filter, bool withBodies, QString *error) const
{
    QList<EventRecord> out;
    const LogWhere w = LogWhere::events(filter, m_db);
    if (!w.error.isEmpty()) {
        if (error)
            *error = w.error;
        return out;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + kEventColumns + (withBodies ? kEventBodyColumns + kEventsWithBodies : u" FROM events"_s) +
              w.sql() + u" ORDER BY seq DESC LIMIT ?"_s);
    bindAll(q, w.values);
    q.addBindValue(filter.limit > 0 ? QVariant(filter.limit) : SqlDialect::of(m_db).noLimit());
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append(readEvent(q, withBodies));
    return out;
}

qint64 EventLog::countEvents(const LogFilter &filter) const
{
    const LogWhere w = LogWhere::events(filter, m_db);
    if (!w.error.isEmpty())
        return -1;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT count(*) FROM events"_s + w.sql());
    bindAll(q, w.values);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

QList<ActionRecord> EventLog::actions(const LogFilter &filter, QString *error) const
{
    QList<ActionRecord> out;
    const LogWhere w = LogWhere::actions(filter, m_db);
    if (!w.error.isEmpty()) {
        if (error)
            *error = w.error;
        return out;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + kActionColumns + u" FROM actions"_s + w.sql() + u" ORDER BY seq DESC LIMIT ?"_s);
    bindAll(q, w.values);
    q.addBindValue(filter.limit > 0 ? QVariant(filter.limit) : SqlDialect::of(m_db).noLimit());
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append(readAction(q));
    return out;
}

QList<ActionRecord> EventLog::actionsForEvent(const QString &eventId) const
{
    QList<ActionRecord> out;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT "_s + kActionColumns + u" FROM actions WHERE event_id = ? ORDER BY seq"_s);
    q.addBindValue(eventId);
    if (q.exec()) {
        while (q.next())
            out.append(readAction(q));
    }
    return out;
}

QList<EventRecord> EventLog::pending(int limit, QString *error) const
{
    QList<EventRecord> out;
    try {
        SqlStatement q(m_db, u"SELECT "_s + kEventColumns + kEventBodyColumns + kEventsWithBodies +
                                 u" WHERE status = 'accepted' ORDER BY seq LIMIT ?"_s +
                                 SqlDialect::of(m_db).lockQueueRows());
        q.bind(limit).exec();
        while (q.next())
            out.append(readEvent(q, true));
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        out.clear();
    }
    return out;
}

QSet<qint64> EventLog::accepted(const QList<qint64> &seqs, QString *error) const
{
    QSet<qint64> out;
    if (seqs.isEmpty())
        return out;
    // One statement for a processing transaction's events, not one each (on
    // PostgreSQL a round trip each). PostgreSQL locks the rows, or skips
    // those another instance holds (it is processing them), so two
    // instances never both process one event.
    try {
        const bool postgres = SqlDialect::of(m_db).isPostgres();
        SqlStatement q(m_db, postgres ? u"SELECT seq FROM events WHERE seq = ANY(CAST(? AS BIGINT[]))"
                                        " AND status = 'accepted'"_s +
                                            SqlDialect::of(m_db).lockQueueRows()
                                      : u"SELECT seq FROM events WHERE status = 'accepted' AND seq BETWEEN ? AND ?"_s);
        if (postgres) {
            QStringList list;
            list.reserve(seqs.size());
            for (qint64 seq : seqs)
                list.append(QString::number(seq));
            q.bind(QString(u'{' + list.join(u',') + u'}'));
        } else {
            const auto [low, high] = std::minmax_element(seqs.cbegin(), seqs.cend());
            q.bind(*low).bind(*high);
        }
        q.exec();
        const QSet<qint64> wanted(seqs.cbegin(), seqs.cend());
        while (q.next()) {
            const qint64 seq = q.integer(0);
            if (wanted.contains(seq))
                out.insert(seq);
        }
    } catch (const StoreFailure &f) {
        if (error)
            *error = f.message();
        out.clear();
    }
    return out;
}

qint64 EventLog::deleteOlderThan(qint64 cutoffMs, int batch, QString *error)
{
    qint64 total = 0;
    const QList<std::pair<QString, QString>> tables = {{u"events"_s, u"received_at"_s},
                                                       {u"actions"_s, u"executed_at"_s}};
    for (const auto &[table, column] : tables) {
        const QString oldest = u"SELECT seq FROM "_s + table + u" WHERE "_s + column + u" < ? ORDER BY seq LIMIT ?"_s;
        // The search index (SQLite) must forget them first (it reads their bodies).
        if (table == u"events"_s && !SqlDialect::of(m_db).isPostgres()) {
            CachedQuery forget(m_db, SearchIndex::forgetSql(oldest));
            forget->addBindValue(cutoffMs);
            forget->addBindValue(batch);
            if (!forget.isPrepared() || !forget->exec()) {
                if (error)
                    *error = forget.error();
                return -1;
            }
        }
        // Runs that keep their data by reference to a body get it back first.
        if (table == u"events"_s && RunDataFromBody::keepBeforeDeleting(m_db, oldest, cutoffMs, batch, error) < 0)
            return -1;
        // An event's headers and body go before it, while `oldest` still finds it.
        QStringList deletes;
        if (table == u"events"_s)
            deletes << u"event_bodies"_s;
        deletes << table;
        QSqlQuery q(m_db);
        for (const QString &from : std::as_const(deletes)) {
            q.prepare(u"DELETE FROM "_s + from + u" WHERE seq IN ("_s + oldest + u")"_s);
            q.addBindValue(cutoffMs);
            q.addBindValue(batch);
            if (!q.exec()) {
                if (error)
                    *error = q.lastError().text();
                return -1;
            }
        }
        total += q.numRowsAffected();
    }
    return total;
}

QJsonObject EventLog::stats(const QString &env, const QString &source) const
{
    LogFilter f;
    f.env = env;
    f.source = source;
    const LogWhere w = LogWhere::events(f, m_db);
    QJsonArray events;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT env, source, status, count(*) FROM events"_s + w.sql() +
              u" GROUP BY env, source, status ORDER BY env, source, status"_s);
    bindAll(q, w.values);
    if (q.exec()) {
        while (q.next())
            events.append(QJsonObject{{u"environment"_s, q.value(0).toString()},
                                      {u"source"_s, q.value(1).toString()},
                                      {u"status"_s, q.value(2).toString()},
                                      {u"count"_s, q.value(3).toLongLong()}});
    }
    QJsonArray actions;
    q.prepare(u"SELECT env, action_type, status, count(*) FROM actions"_s + w.sql() +
              u" GROUP BY env, action_type, status ORDER BY env, action_type, status"_s);
    bindAll(q, w.values);
    if (q.exec()) {
        while (q.next())
            actions.append(QJsonObject{{u"environment"_s, q.value(0).toString()},
                                       {u"action_type"_s, q.value(1).toString()},
                                       {u"status"_s, q.value(2).toString()},
                                       {u"count"_s, q.value(3).toLongLong()}});
    }
    return {{u"events"_s, events}, {u"actions"_s, actions}};
}

} // namespace inlet
