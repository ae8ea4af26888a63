#pragma once

#include "http/RequestHandler.h"

#include <QJsonObject>

namespace inlet {

class ConfigSnapshot;
class IngestContext;
struct RuntimeSource;

// The Segment-compatible tracking API (SPEC section 3): `/v1/track`,
// `/v1/identify`, `/v1/group`, `/v1/page`, `/v1/screen`, `/v1/alias` and
// `/v1/batch`, so Segment, RudderStack, Jitsu and Freshpaint SDKs send
// straight to Inlet, and Jitsu's own paths `/api/s/{type}` and
// `/api/s/s2s/{type}`. The write key (HTTP Basic user name, or user name and
// password for a Jitsu "id:secret" key, `X-Write-Key`, `writeKey` in the
// body, or `?writeKey=`) selects the source configuration. Browsers get CORS
// answers (preflight and the echoed origin). Each message is
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
    // The message type a route names ("track", ...; "batch" or "import"
    // for /v1/batch and /v1/import), or empty when it is not a tracking route.
    static QByteArray routeKind(const QByteArray &path);
    void handle(const HttpRequest &request, const HttpResponder &respond);

    // The event type of a message, or an error saying why it has none.
    static QString eventType(const QJsonObject &message, QString *error);

private:
    // The source is `snapshot`'s: the caller keeps the snapshot alive.
    static const RuntimeSource *authenticate(const ConfigSnapshot &snapshot, const HttpRequest &request,
                                             const QJsonObject &body);

    IngestContext &m_ctx;
};

} // namespace inlet
