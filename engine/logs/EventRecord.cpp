#include "logs/EventRecord.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QJsonObject EventRecord::toJson(bool withBody) const
{
    QJsonObject o{{u"id"_s, id},
                  {u"received_at"_s, iso(receivedAt)},
                  {u"environment"_s, env},
                  {u"source"_s, source},
                  {u"origin"_s, origin},
                  {u"event_type"_s, orNull(eventType)},
                  {u"timestamp"_s, orNull(timestamp)},
                  {u"idempotency_key"_s, orNull(idempotencyKey)},
                  {u"verification_status"_s, verificationStatus},
                  {u"verification_reason"_s, orNull(verificationReason)},
                  {u"status"_s, status},
                  {u"status_detail"_s, orNull(statusDetail)},
                  {u"remote_address"_s, orNull(remoteAddress)},
                  {u"size"_s, double(size)},
                  {u"processing_ms"_s, processingMs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(processingMs)},
                  {u"replay_of"_s, orNull(replayOf)}};
    if (withBody) {
        o.insert(u"method"_s, orNull(method));
        o.insert(u"path"_s, orNull(path));
        o.insert(u"query"_s, query);
        o.insert(u"headers"_s, headers);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
        o.insert(u"body"_s, pe.error == QJsonParseError::NoError ? doc.object() : QJsonValue(QJsonValue::Null));
        o.insert(u"raw_body"_s, QString::fromUtf8(body));
        if (!contentEncoding.isEmpty())
            o.insert(u"content_encoding"_s, contentEncoding);
        o.insert(u"preprocess_error"_s, orNull(preprocessError));
        o.insert(u"preprocess_output"_s,
                 preprocessOutput.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(preprocessOutput));
    }
    return o;
}

} // namespace inlet
