#pragma once

#include "config/ConfigSnapshot.h"
#include "mapping/EvalContext.h"
#include "store/ActionType.h"
#include "util/JsonMembers.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace inlet {

struct EventRecord;
struct RuntimeSource;

// One action a mapping will run, its values resolved and its log texts
// written.
struct PlannedAction
{
    int index = 0; // the mapping's position among the type's mappings
    ActionType type = ActionType::UsersIdentify;
    QJsonObject parameters; // as configured
    QJsonObject payload;    // resolved values
    QByteArray parametersJson;
    JsonMembers payloadJson; // every member (a trigger's run stores `data` from it)
    // What the action log stores (ActionRecord): the payload without the
    // members copied whole from the body that are long enough to be kept
    // by reference to it, and those as {member: body path}, or empty (a
    // trigger's run keeps such a `data` by reference too).
    QByteArray loggedPayloadJson;
    QJsonObject fromBody;
};

// What processing an event does that needs no store, in two steps: build()
// finds its source, type, timestamp and idempotency key; resolve(), once the
// event is known not to be a duplicate, the mappings whose condition holds
// and their resolved values, serialised for the logs once (a trigger's data
// is stored on the run and logged in the payload from the same text; an
// object or array copied whole from the body is the body's own text, found
// by JsonSpan, not Qt's copy written again).
//
// Made on the store thread, just before the actions run: made where the
// event was received (the HTTP thread has time to spare), the plan cost
// the store thread more to read and free than to make (bench/ingest with
// glibc's malloc: 146-150 -> 164-172 us per event; with jemalloc no gain).
struct EventPlan
{
    static EventPlan build(const EventRecord &event, const ConfigSnapshot &config);
    // Where a webhook is received: its type, timestamp and key as the source's
    // paths give them, so the stored row has them before processing (the log
    // shows them at once, a refused delivery keeps the type it claimed, and
    // the processor's update leaves the type's index alone when build(),
    // resolving them again, finds the same).
    // Needs the parsed body (event.parsedBody).
    static void identifyOnReceipt(EventRecord &event, const RuntimeSource &rs);
    // Fills `actions` and `conditionFalse` for a mapped type.
    void resolve();

    const RuntimeSource *source = nullptr; // in the snapshot it was built with
    // Set when the outcome needs no store (no configuration for the source,
    // a body that is not JSON, no event type): nothing else applies.
    QString status;
    QString statusDetail;
    QString eventType;
    std::optional<QString> timestamp; // set: the timestamp path resolved
    QString idempotencyKey;           // empty: none
    bool mapped = false;              // the type has mappings
    QList<PlannedAction> actions;     // active mappings whose condition held, in order
    int conditionFalse = 0;
    EvalContext context; // what the paths are evaluated against
    QByteArray bodyText; // the JSON text context.body was parsed from
};

} // namespace inlet
