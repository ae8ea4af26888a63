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

    QJsonObject toJson() const;
};

} // namespace inlet
