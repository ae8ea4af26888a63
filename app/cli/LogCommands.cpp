#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Table.h"
#include "logs/EventLog.h"
#include "logs/SqlJsonPath.h"
#include "util/JsonIndent.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {
namespace {

// ISO-8601 (UTC unless it says otherwise) or "15m", "2h", "7d", "30s" ago.
qint64 parseTime(const QString &text, bool *ok)
{
    static const QRegularExpression relative(u"^(\\d+)([smhd])$"_s);
    const auto m = relative.match(text);
    *ok = true;
    if (m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const qint64 unit = m.captured(2) == u"s"_s   ? 1000
                            : m.captured(2) == u"m"_s ? 60000
                            : m.captured(2) == u"h"_s ? 3600000
                                                      : 86400000;
        return QDateTime::currentMSecsSinceEpoch() - n * unit;
    }
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        *ok = false;
        return 0;
    }
    if (dt.timeSpec() == Qt::LocalTime && !text.contains(u'+') && !text.endsWith(u'Z'))
        dt.setTimeSpec(Qt::UTC);
    return dt.toMSecsSinceEpoch();
}

// Fills a LogFilter from the common filter options; returns false on a usage error.
bool readFilter(CliContext &ctx, LogFilter &f, QString *error)
{
    const QCommandLineParser &p = ctx.parser();
    f.env = p.value(u"env"_s);
    f.source = p.value(u"source"_s);
    f.eventType = p.value(u"type"_s);
    f.status = p.value(u"status"_s);
    f.search = p.value(u"search"_s);
    f.eventId = p.value(u"event"_s);
    f.actionType = p.value(u"action-type"_s);
    for (const auto &[option, target] : {std::pair{u"since"_s, &f.sinceMs}, std::pair{u"until"_s, &f.untilMs}}) {
        if (!p.isSet(option))
            continue;
        bool ok = false;
        *target = parseTime(p.value(option), &ok);
        if (!ok) {
            *error = u"--%1 expects an ISO-8601 time (2025-01-01T12:00:00Z) or 15m, 2h, 7d"_s.arg(option);
            return false;
        }
    }
    if (p.isSet(u"where"_s)) {
        if (!f.setWhere(p.value(u"where"_s), error))
            return false;
        // A path the log cannot search is a usage error, not a failure.
        const SqlJsonPath path = SqlJsonPath::translate(f.wherePath);
        if (!path.error.isEmpty()) {
            *error = u"--where %1: %2"_s.arg(f.wherePath, path.error);
            return false;
        }
    }
    f.limit = 50;
    if (p.isSet(u"limit"_s)) {
        bool ok = false;
        f.limit = p.value(u"limit"_s).toInt(&ok);
        if (!ok || f.limit <= 0) {
            *error = u"--limit expects a positive number"_s;
            return false;
        }
    }
    return true;
}

void printEventDetail(QTextStream &out, const EventRecord &e, const QList<ActionRecord> &actions)
{
    out << "Event " << e.id << "\n";
    out << "  received      " << shortTime(e.receivedAt) << " UTC from " << e.remoteAddress << "\n";
    out << "  source        " << e.source << " (" << e.env << "), origin " << e.origin << "\n";
    out << "  event type    " << (e.eventType.isEmpty() ? u"-"_s : e.eventType) << "\n";
    out << "  status        " << e.status << (e.statusDetail.isEmpty() ? QString() : u": "_s + e.statusDetail) << "\n";
    out << "  verification  " << e.verificationStatus
        << (e.verificationReason.isEmpty() ? QString() : u": "_s + e.verificationReason) << "\n";
    out << "  idempotency   " << (e.idempotencyKey.isEmpty() ? u"-"_s : e.idempotencyKey)
        << (e.replayOf.isEmpty() ? QString() : u" (replays "_s + e.replayOf + u')') << "\n";
    if (!e.timestamp.isEmpty())
        out << "  timestamp     " << e.timestamp << "\n";
    out << "  size          " << e.size << " bytes"
        << (e.contentEncoding.isEmpty() ? QString() : u" (" + e.contentEncoding + u')') << ", processed in "
        << (e.processingMs < 0 ? u"-"_s : QString::number(e.processingMs, 'f', 2) + u" ms"_s) << "\n";
    out << "Headers\n";
    for (auto it = e.headers.begin(); it != e.headers.end(); ++it)
        out << "  " << it.key() << ": " << it.value().toString() << "\n";
    out << "Body\n";
    const QJsonDocument doc = QJsonDocument::fromJson(e.body);
    // Indented as sent: members in the sender's order.
    out << QString::fromUtf8(doc.isNull() ? e.body : JsonIndent::indent(e.body));
    if (!e.preprocessOutput.isEmpty())
        out << "Preprocess output\n" << QString::fromUtf8(QJsonDocument(e.preprocessOutput).toJson());
    out << "Actions (" << actions.size() << ")\n";
    for (const ActionRecord &a : actions) {
        out << "  " << a.id << "  " << a.actionType << "  " << a.status;
        if (!a.error.isEmpty())
            out << ": " << a.error;
        out << "\n    payload " << compactJson(a.actionPayload) << "\n";
        if (!a.actionResult.isEmpty())
            out << "    result  " << compactJson(a.actionResult) << "\n";
    }
    out.flush();
}

} // namespace

int runEvents(CliContext &ctx)
{
    LogFilter f;
    QString error;
    if (!readFilter(ctx, f, &error))
        return ctx.usage(error);
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    const QList<EventRecord> events = EventLog(ctx.db()).events(f, false, &error);
    if (!error.isEmpty())
        return ctx.fail(error);
    Table table({u"RECEIVED (UTC)"_s, u"ID"_s, u"ENV"_s, u"SOURCE"_s, u"EVENT TYPE"_s, u"STATUS"_s, u"VERIFICATION"_s,
                 u"KEY"_s, u"DETAIL"_s});
    for (const EventRecord &e : events)
        table.addRow({shortTime(e.receivedAt), e.id, e.env, e.source, e.eventType, e.status, e.verificationStatus,
                      e.idempotencyKey, e.statusDetail},
                     e.toJson(false));
    table.print(ctx.out(), ctx.json());
    return Ok;
}

int runActions(CliContext &ctx)
{
    LogFilter f;
    QString error;
    if (!readFilter(ctx, f, &error))
        return ctx.usage(error);
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    const QList<ActionRecord> actions = EventLog(ctx.db()).actions(f, &error);
    if (!error.isEmpty())
        return ctx.fail(error);
    Table table({u"EXECUTED (UTC)"_s, u"ID"_s, u"EVENT"_s, u"SOURCE"_s, u"ACTION"_s, u"STATUS"_s, u"ERROR"_s});
    for (const ActionRecord &a : actions)
        table.addRow({shortTime(a.executedAt), a.id, a.eventId, a.source, a.actionType, a.status, a.error}, a.toJson());
    table.print(ctx.out(), ctx.json());
    return Ok;
}

int runShow(CliContext &ctx)
{
    if (ctx.args().size() != 1)
        return ctx.usage(u"usage: inletd show EVENT_ID"_s);
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    EventLog log(ctx.db());
    const auto event = log.event(ctx.args().first());
    if (!event)
        return ctx.fail(u"no event with id '%1'"_s.arg(ctx.args().first()));
    const QList<ActionRecord> actions = log.actionsForEvent(event->id);
    if (ctx.json()) {
        QJsonObject o = event->toJson(true);
        QJsonArray list;
        for (const ActionRecord &a : actions)
            list.append(a.toJson());
        o.insert(u"actions"_s, list);
        ctx.out() << compactJson(o) << Qt::endl;
    } else {
        printEventDetail(ctx.out(), *event, actions);
    }
    return Ok;
}

int runStats(CliContext &ctx)
{
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    const QJsonObject stats = EventLog(ctx.db()).stats(ctx.parser().value(u"env"_s), ctx.parser().value(u"source"_s));
    if (ctx.json()) {
        ctx.out() << compactJson(stats) << Qt::endl;
        return Ok;
    }
    Table events({u"ENV"_s, u"SOURCE"_s, u"STATUS"_s, u"EVENTS"_s});
    for (const QJsonValue &v : stats.value(u"events"_s).toArray()) {
        const QJsonObject o = v.toObject();
        events.addRow({o.value(u"environment"_s).toString(), o.value(u"source"_s).toString(),
                       o.value(u"status"_s).toString(), QString::number(o.value(u"count"_s).toInteger())},
                      o);
    }
    events.print(ctx.out(), false);
    ctx.out() << "\n";
    Table actions({u"ENV"_s, u"ACTION"_s, u"STATUS"_s, u"ACTIONS"_s});
    for (const QJsonValue &v : stats.value(u"actions"_s).toArray()) {
        const QJsonObject o = v.toObject();
        actions.addRow({o.value(u"environment"_s).toString(), o.value(u"action_type"_s).toString(),
                        o.value(u"status"_s).toString(), QString::number(o.value(u"count"_s).toInteger())},
                       o);
    }
    actions.print(ctx.out(), false);
    return Ok;
}

} // namespace inlet::cli
