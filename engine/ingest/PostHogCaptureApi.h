#pragma once

#include "http/RequestHandler.h"

#include <QJsonObject>

namespace inlet {

class ConfigSnapshot;
class IngestContext;
struct RuntimeSource;

// PostHog's capture API as its server SDKs call it (posthog-node,
// posthog-python, ...): `POST /batch/` with `{"api_key", "batch": [...]}`, and
// `/capture/`, `/e/`, `/i/v0/e/` with one event or a batch. The project API
// key (`api_key`, or `token`) is a source configuration's write key (the
// `posthog_capture` template generates one). Each captured event is its own
// event of that source, typed and keyed by the source's paths (the template:
// `body.event`, `body.uuid`); a malformed entry of a batch is logged as
// rejected while the others are accepted. Answers `{"status": 1}` once every
// event is stored, as PostHog does. The browser SDK's encodings (gzip-js,
// base64 form data; key in each event's `properties.token`) are decoded.
class PostHogCaptureApi final
{
public:
    static constexpr qint64 kMaxEventBytes = 1024 * 1024; // PostHog's limit per event

    explicit PostHogCaptureApi(IngestContext &context);

    static bool handles(const QByteArray &path);
    void handle(const HttpRequest &request, const HttpResponder &respond);

private:
    // The source is `snapshot`'s: the caller keeps the snapshot alive.
    static const RuntimeSource *authenticate(const ConfigSnapshot &snapshot, const QJsonValue &root);

    IngestContext &m_ctx;
};

} // namespace inlet
