#pragma once

#include "http/RequestHandler.h"

#include <QJsonObject>

namespace inlet {

class IngestContext;
struct RuntimeSource;

// The Segment-compatible tracking API (SPEC section 3): `/v1/track`,
// `/v1/identify`, `/v1/group`, `/v1/page`, `/v1/screen`, `/v1/alias` and
// `/v1/batch`, so Segment, RudderStack, Jitsu and Freshpaint SDKs send
// straight to Inlet. The write key (HTTP Basic user name, `X-Write-Key`, or
// `writeKey` in the body) selects the source configuration. Each message is
// its own event with event type `identify`, `track/<event>`, `group`, `page`,
// `screen` or `alias`; a malformed message of a batch is logged as rejected
// while the others are accepted.
class CdpApi final
{
public:
    static constexpr qint64 kMaxMessageBytes = 32 * 1024; // Segment's limits
    static constexpr qint64 kMaxBatchBytes = 500 * 1024;

    explicit CdpApi(IngestContext &context);

    bool handles(const QByteArray &path) const;
    void handle(const HttpRequest &request, const HttpResponder &respond);

    // The event type of a message, or an error saying why it has none.
    static QString eventType(const QJsonObject &message, QString *error);

private:
    const RuntimeSource *authenticate(const HttpRequest &request, const QJsonObject &body) const;

    IngestContext &m_ctx;
};

} // namespace inlet
