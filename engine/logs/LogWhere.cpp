#include "logs/LogWhere.h"

#include "logs/SearchIndex.h"
#include "logs/SqlJsonPath.h"
#include "store/CachedQuery.h"
#include "store/SqlDialect.h"
#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// The value of `path = value`, parsed once for both backends: what parses as
// a JSON string, number or boolean is that value; anything else (bare text,
// null, an array, an object) is the text itself, as a string.
QJsonValue whereLiteral(const QString &text)
{
    // Wrapped in an array so that scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson(QString(u"["_s + text + u"]"_s).toUtf8());
    if (doc.isArray() && doc.array().size() == 1) {
        const QJsonValue v = doc.array().at(0);
        if (v.isBool() || v.isDouble() || v.isString())
            return v;
    }
    return text;
}

// SQLite: the value as json_extract returns it (booleans are 1 and 0).
QVariant sqliteValue(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    if (value.isDouble())
        return value.toDouble();
    return value.toString();
}

// Events are stored in arrival order, so a time range is a range of `seq`
// give or take the clock's wobble: bounding `seq` as well lets SQLite walk
// the (env, ..., seq) indexes instead of checking the time of every row of
// the environment (5 s for a day two weeks back in 1,000,000 events). The
// bounds are found with one index seek each, widened by kArrivalDisorderMs,
// and are exact as long as no event is stored after one received more than
// that much later (the clock stepping back an hour would break it).
constexpr qint64 kArrivalDisorderMs = 3600 * 1000;

struct SeqRange
{
    qint64 after = 0;  // seq > after; 0 = unbounded
    qint64 before = 0; // seq < before; 0 = unbounded
};

SeqRange timeToSeq(const QSqlDatabase &db, const LogFilter &f)
{
    SeqRange r;
    if (f.sinceMs > 0) {
        CachedQuery q(db, u"SELECT seq FROM events WHERE received_at < ? ORDER BY received_at DESC LIMIT 1"_s);
        q->addBindValue(f.sinceMs - kArrivalDisorderMs);
        if (q.isPrepared() && q->exec() && q->next())
            r.after = q->value(0).toLongLong();
    }
    if (f.untilMs > 0) {
        CachedQuery q(db, u"SELECT seq FROM events WHERE received_at >= ? ORDER BY received_at LIMIT 1"_s);
        q->addBindValue(f.untilMs + kArrivalDisorderMs);
        if (q.isPrepared() && q->exec() && q->next())
            r.before = q->value(0).toLongLong();
    }
    return r;
}

QString jsonText(const QJsonValue &v)
{
    return QString::fromUtf8(JsonWriter::write(v));
}

// Headers and bodies are a table of their own (event_bodies): a test of
// them looks up the event's row there, by its key.
QString ofBody(const QString &test)
{
    return u"EXISTS (SELECT 1 FROM event_bodies b WHERE b.seq = events.seq AND "_s + test + u")"_s;
}

// PostgreSQL: the body's JSONB copy, containment first (its GIN index), then
// the exact value; headers are read as JSON where they are.
QString postgresPathTest(const SqlJsonPath &p, const QJsonValue &value, QVariantList *values)
{
    QString test;
    if (p.column == u"body"_s) {
        test = u"body_json @> CAST(? AS jsonb) AND body_json #> CAST(? AS text[]) = CAST(? AS jsonb)"_s;
        *values << jsonText(p.containing(value));
    } else {
        test = u"inlet_jsonb(headers) #> CAST(? AS text[]) = CAST(? AS jsonb)"_s;
    }
    *values << p.postgresPath() << jsonText(value);
    return test;
}

LogWhere build(const SqlDialect &dialect, const LogFilter &f, const QString &timeColumn, bool actions,
               SeqRange seqs = {})
{
    LogWhere w;
    const auto add = [&w](const QString &clause, const QVariant &value) {
        w.clauses.append(clause);
        w.values.append(value);
    };
    if (seqs.after > 0)
        add(u"seq > ?"_s, seqs.after);
    if (seqs.before > 0)
        add(u"seq < ?"_s, seqs.before);
    if (!f.env.isEmpty())
        add(u"env = ?"_s, f.env);
    if (!f.source.isEmpty())
        add(u"source = ?"_s, f.source);
    if (!f.eventType.isEmpty())
        add(u"event_type = ?"_s, f.eventType);
    if (!f.status.isEmpty())
        add(u"status = ?"_s, f.status);
    if (f.sinceMs > 0)
        add(timeColumn + u" >= ?"_s, f.sinceMs);
    if (f.untilMs > 0)
        add(timeColumn + u" < ?"_s, f.untilMs);
    if (f.beforeSeq > 0)
        add(u"seq < ?"_s, f.beforeSeq);
    if (!f.wherePath.isEmpty()) {
        const SqlJsonPath p = SqlJsonPath::translate(f.wherePath);
        if (!p.error.isEmpty()) {
            w.error = p.error;
        } else {
            const QJsonValue value = whereLiteral(f.whereValue);
            QVariantList values;
            QString test;
            if (dialect.isPostgres()) {
                test = ofBody(postgresPathTest(p, value, &values));
            } else {
                test = ofBody(u"json_valid("_s + p.column + u") AND json_extract("_s + p.column + u", ?) = ?"_s);
                values = {p.jsonPath, sqliteValue(value)};
                // The body must hold the value's words: the search index
                // narrows the events whose JSON is parsed to those. Strings
                // only: a number has many spellings (1000, 1e3, 1000.0).
                const QString words = p.column == u"body"_s && value.isString()
                                          ? SearchIndex::valueExpression(value.toString())
                                          : QString();
                if (!words.isEmpty()) {
                    test = SearchIndex::candidatesSql() + u" AND "_s + test;
                    values.prepend(words);
                }
            }
            // Actions match through their event.
            w.clauses.append(actions ? u"event_id IN (SELECT id FROM events WHERE "_s + test + u")"_s : test);
            w.values << values;
        }
    }
    if (actions) {
        if (!f.eventId.isEmpty())
            add(u"event_id = ?"_s, f.eventId);
        if (!f.actionType.isEmpty())
            add(u"action_type = ?"_s, f.actionType);
        if (!f.search.isEmpty()) {
            // A payload that logged members by reference to its event's body
            // (ActionRecord::payloadFromBody) holds their text there.
            w.clauses.append(
                u"("_s + dialect.containsText(u"action_payload"_s) + u" OR "_s +
                dialect.containsText(u"action_result"_s) + u" OR "_s + dialect.containsText(u"coalesce(error, '')"_s) +
                u" OR (payload_from_body IS NOT NULL AND EXISTS (SELECT 1 FROM events e JOIN event_bodies b"
                " ON b.seq = e.seq WHERE e.id = actions.event_id AND "_s +
                dialect.containsBody() + u")))"_s);
            w.values << f.search << f.search << f.search << dialect.bodySearchValues(f.search);
        }
    } else if (!f.search.isEmpty()) {
        // The word index is SQLite's (FTS5); PostgreSQL tests the bytes.
        if (const QString words = dialect.isPostgres() ? QString() : SearchIndex::matchExpression(f.search);
            !words.isEmpty())
            add(SearchIndex::candidatesSql(), words);
        w.clauses.append(ofBody(dialect.containsBody()));
        w.values << dialect.bodySearchValues(f.search);
    }
    return w;
}

} // namespace

LogWhere LogWhere::events(const LogFilter &filter, const QSqlDatabase &db)
{
    return build(SqlDialect::of(db), filter, u"received_at"_s, false, timeToSeq(db, filter));
}

LogWhere LogWhere::actions(const LogFilter &filter, const QSqlDatabase &db)
{
    return build(SqlDialect::of(db), filter, u"executed_at"_s, true);
}

QString LogWhere::sql() const
{
    return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
}

} // namespace inlet
