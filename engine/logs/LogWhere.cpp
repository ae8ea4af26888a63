#include "logs/LogWhere.h"

#include "logs/SqlJsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QVariant jsonLiteral(const QString &text)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QString(u"["_s + text + u"]"_s).toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || doc.array().size() != 1)
        return text;
    const QJsonValue v = doc.array().at(0);
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? 1 : 0;
    case QJsonValue::Double:
        return v.toDouble();
    case QJsonValue::String:
        return v.toString();
    default:
        return text;
    }
}

LogWhere build(const LogFilter &f, const QString &timeColumn, bool actions)
{
    LogWhere w;
    const auto add = [&w](const QString &clause, const QVariant &value) {
        w.clauses.append(clause);
        w.values.append(value);
    };
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
            // Actions match through their event.
            const QString test = u"json_valid("_s + p.column + u") AND json_extract("_s + p.column + u", ?) = ?"_s;
            w.clauses.append(actions ? u"event_id IN (SELECT id FROM events WHERE "_s + test + u")"_s : test);
            w.values << p.jsonPath << jsonLiteral(f.whereValue);
        }
    }
    if (actions) {
        if (!f.eventId.isEmpty())
            add(u"event_id = ?"_s, f.eventId);
        if (!f.actionType.isEmpty())
            add(u"action_type = ?"_s, f.actionType);
        if (!f.search.isEmpty()) {
            w.clauses.append(u"(instr(action_payload, ?) > 0 OR instr(action_result, ?) > 0"
                             " OR instr(coalesce(error, ''), ?) > 0)"_s);
            w.values << f.search << f.search << f.search;
        }
    } else if (!f.search.isEmpty()) {
        add(u"instr(body, ?) > 0"_s, f.search);
    }
    return w;
}

} // namespace

LogWhere LogWhere::events(const LogFilter &filter)
{
    return build(filter, u"received_at"_s, false);
}

LogWhere LogWhere::actions(const LogFilter &filter)
{
    return build(filter, u"executed_at"_s, true);
}

QString LogWhere::sql() const
{
    return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
}

} // namespace inlet
