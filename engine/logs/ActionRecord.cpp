#include "logs/ActionRecord.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QJsonObject ActionRecord::toJson() const
{
    return {{u"id"_s, id},
            {u"event_id"_s, eventId},
            {u"environment"_s, env},
            {u"source"_s, source},
            {u"event_type"_s, eventType},
            {u"action_type"_s, actionType},
            {u"action_parameters"_s, actionParameters},
            {u"action_payload"_s, actionPayload},
            {u"action_result"_s, actionResult},
            {u"status"_s, status},
            {u"error"_s, error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                         : QJsonValue(QJsonObject{{u"message"_s, error},
                                                                  {u"parameter"_s, errorParameter.isEmpty()
                                                                                       ? QJsonValue(QJsonValue::Null)
                                                                                       : QJsonValue(errorParameter)}})},
            {u"executed_at"_s, QDateTime::fromMSecsSinceEpoch(executedAt, Qt::UTC).toString(Qt::ISODateWithMs)},
            {u"duration_us"_s, double(durationUs)}};
}

} // namespace inlet
