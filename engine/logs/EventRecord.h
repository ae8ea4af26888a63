#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace inlet {

// One row of the event log (SPEC 10.1).
struct EventRecord
{
    qint64 seq = 0;        // storage order; keyset paging uses it
    QString id;            // "evt_<ULID>": unique, sortable by arrival
    qint64 receivedAt = 0; // ms since epoch, UTC
    QString env;
    QString source;
    QString origin = QStringLiteral("http"); // http | replay | rehearse | api
    QString eventType;
    QString timestamp;
    QString idempotencyKey; // empty = null
    QString verificationStatus = QStringLiteral("unverified");
    QString verificationReason;
    QString status = QStringLiteral("accepted");
    QString statusDetail;
    QString method;
    QString path;
    QJsonObject query;
    QJsonObject headers; // lower-case names, secrets redacted
    QByteArray body;     // decoded body bytes (what paths see as `body`)
    QByteArray rawBody;  // bytes as received, when they differ (gzip); else empty
    QString contentEncoding;
    QJsonObject preprocessOutput;
    QString preprocessError; // the script failed or timed out
    QString remoteAddress;
    qint64 size = 0;          // bytes as received
    double processingMs = -1; // -1 = not processed yet
    QString replayOf;         // idempotent: the event it replays; replay: the original
    qint64 processedAt = 0;

    // Not stored: the body as the receiver parsed it, so processing the
    // event it just stored does not parse it again. Null when unknown.
    std::optional<QJsonObject> parsedBody;

    QJsonObject toJson(bool withBody = true) const;

    // The tracking API's routes (/v1/..., Jitsu's /api/s/...) name the type;
    // a webhook's stored type is what its path gave on receipt, resolved
    // again when processed.
    bool typeFromRoute() const
    {
        return path.startsWith(QLatin1StringView("/v1/")) || path.startsWith(QLatin1StringView("/api/s/"));
    }
};

} // namespace inlet
