#pragma once

#include <QJsonObject>
#include <QString>

namespace inlet {

// One row of the action log (SPEC 10.2).
struct ActionRecord
{
    qint64 seq = 0;
    QString id; // "act_<ULID>"
    QString eventId;
    QString env;
    QString source;
    QString eventType;
    QString actionType;
    int mappingIndex = -1;
    QJsonObject actionParameters; // as configured
    QJsonObject actionPayload;    // resolved values
    QJsonObject actionResult;
    QString status; // success | error | skipped
    QString error;
    QString errorParameter;
    qint64 executedAt = 0;
    qint64 durationUs = 0;
    // Not stored as such: the compact JSON of actionParameters and
    // actionPayload when already written (EventPlan); empty: write them.
    QByteArray actionParametersJson;
    QByteArray actionPayloadJson;
    // Stored beside actionPayloadJson when set: members of actionPayload
    // that actionPayloadJson leaves out because the event's body holds them
    // (a workflow's `data` copied whole from it), as the JSON object
    // {member: body path}. Reading the log puts them back into
    // actionPayload from the stored body (EventLog); a member whose event
    // retention has already deleted reads as null.
    QByteArray payloadFromBody;

    QJsonObject toJson() const;
};

} // namespace inlet
