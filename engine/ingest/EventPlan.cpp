#include "ingest/EventPlan.h"

#include "config/ConfigError.h"
#include "config/RuntimeSource.h"
#include "ingest/EventContext.h"
#include "logs/EventRecord.h"
#include "util/JsonWriter.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// A copied object or array at least this long is logged by reference to the
// event's body, which holds it already: at 20 KB a workflow's `data` was a
// third of what reached the disk per event. Shorter ones cost a reader more
// to find than they save.
constexpr qsizetype kBodyReferenceBytes = 256;

// Event types and timestamps are strings; numbers are accepted and written
// as the JSON text of the number.
std::optional<QString> scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // toInteger() checks the range: casting a double beyond qint64 (a
        // sender's {"type": 1e300}) is undefined behaviour.
        const qint64 i = v.toInteger(0);
        return i == v.toInteger(1) ? QString::number(i) : QString::number(v.toDouble(), 'g', 17);
    }
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return std::nullopt;
}

// What the source's paths say about the event: its type (unless the route
// set it), timestamp and idempotency key.
struct Identity
{
    std::optional<QJsonValue> type;
    std::optional<QString> typeText;  // the type as text, when it is a scalar
    std::optional<QString> timestamp; // set: the timestamp path resolved
    QString key;                      // empty: none
};

Identity identify(const EvalContext &ctx, const RuntimeSource &rs, const QString &knownType)
{
    Identity id;
    id.type = knownType.isEmpty() ? rs.eventTypePath.evaluate(ctx) : QJsonValue(knownType);
    id.typeText = id.type ? scalarText(*id.type) : std::nullopt;
    if (rs.timestampPath.isValid()) {
        if (const auto ts = rs.timestampPath.evaluate(ctx))
            id.timestamp = scalarText(*ts).value_or(QString());
    }
    // A key must be a string of 1 to 255 characters; anything else is dropped.
    if (rs.idempotencyKeyPath.isValid()) {
        const auto key = rs.idempotencyKeyPath.evaluate(ctx);
        if (key && key->isString() && !key->toString().isEmpty() && key->toString().size() <= 255)
            id.key = key->toString();
    }
    return id;
}

} // namespace

void EventPlan::identifyOnReceipt(EventRecord &event, const RuntimeSource &rs)
{
    EvalContext ctx;
    if (!event.parsedBody || !buildEvalContext(event, ctx, nullptr))
        return;
    const Identity id = identify(ctx, rs, QString());
    if (id.typeText)
        event.eventType = *id.typeText;
    if (id.timestamp)
        event.timestamp = *id.timestamp;
    event.idempotencyKey = id.key;
}

EventPlan EventPlan::build(const EventRecord &event, const ConfigSnapshot &config)
{
    EventPlan plan;
    const RuntimeSource *rs = config.find(event.source, event.env);
    plan.source = rs;
    if (!rs) {
        plan.status = u"unmapped"_s;
        plan.statusDetail =
            u"source '%1' has no configuration in environment '%2' any more"_s.arg(event.source, event.env);
        return plan;
    }
    EvalContext &ctx = plan.context;
    QString why;
    if (!buildEvalContext(event, ctx, &why)) {
        plan.status = u"failed"_s;
        plan.statusDetail = why;
        return plan;
    }
    plan.bodyText = event.body;

    // Routes that know the type (the tracking API) set it when storing; a
    // webhook's type is resolved now, with the configuration of now (SPEC 5),
    // whatever its path gave on receipt (identifyOnReceipt).
    const Identity id = identify(ctx, *rs, event.typeFromRoute() ? event.eventType : QString());
    const auto &type = id.type;
    const auto &typeText = id.typeText;
    if (!typeText || typeText->isEmpty()) {
        plan.status = u"unmapped"_s;
        plan.statusDetail = !type ? u"event type path %1 did not resolve"_s.arg(rs->config.settings.eventTypePath) +
                                        (event.preprocessError.isEmpty()
                                             ? QString()
                                             : u" (the preprocess script failed: %1)"_s.arg(event.preprocessError))
                                  : u"event type path %1 resolved to %2, expected a string"_s.arg(
                                        rs->config.settings.eventTypePath,
                                        type->isString() ? u"an empty string"_s : ConfigErrors::typeName(*type));
        return plan;
    }
    plan.eventType = *typeText;
    plan.timestamp = id.timestamp;
    plan.idempotencyKey = id.key;
    plan.mapped = rs->mappingsByType.contains(plan.eventType);
    return plan;
}

void EventPlan::resolve()
{
    if (!mapped || !source)
        return;
    const EvalContext &ctx = context;
    const QList<MappingConfig> &mappings = source->mappingsFor(eventType);
    for (qsizetype i = 0; i < mappings.size(); ++i) {
        const MappingConfig &m = mappings.at(i);
        if (!m.active)
            continue;
        if (m.condition && !m.condition->holds(ctx)) {
            ++conditionFalse;
            continue;
        }
        PlannedAction a;
        a.index = int(i);
        a.type = m.actionType;
        a.parameters = m.parameters;
        QList<std::pair<QString, QByteArray>> texts;
        QJsonObject fromBody;
        for (const auto &[name, spec] : m.values) {
            const auto v = spec.resolve(ctx);
            if (!v)
                continue;
            a.payload.insert(name, *v);
            // An object or array copied from the body is logged and stored
            // as the sender wrote it, not serialised again from Qt's copy.
            if (v->isObject() || v->isArray()) {
                if (auto text = spec.bodyText(bodyText)) {
                    if (text->size() >= kBodyReferenceBytes)
                        fromBody.insert(name, spec.path().text());
                    texts.append({name, std::move(*text)});
                }
            }
        }
        a.parametersJson = m.parametersJson.isNull() ? JsonWriter::write(a.parameters) : m.parametersJson;
        a.payloadJson = JsonMembers::of(a.payload, texts);
        a.loggedPayloadJson = a.payloadJson.objectWithout(fromBody.keys());
        a.fromBody = std::move(fromBody);
        actions.append(std::move(a));
    }
}

} // namespace inlet
