#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace inlet {

// An action's payload members that the log keeps as references to the
// event's stored body (ActionRecord::payloadFromBody), put back on reading.
class PayloadFromBody final
{
public:
    // Inserts into `payload` each member of `references` ({member: body
    // path}) with its value found in `body`. A member whose value cannot be
    // found (the body deleted by retention before its action) becomes null.
    static void restore(QJsonObject &payload, const QByteArray &references, const QByteArray &body);
};

} // namespace inlet
