#pragma once

#include "http/RequestHandler.h"
#include "ingest/CdpApi.h"
#include "ingest/IngestContext.h"
#include "ingest/PostHogCaptureApi.h"
#include "ingest/RestApi.h"
#include "ingest/WebhookReceiver.h"

namespace inlet {

// Routes every request of the ingestion port (SPEC section 3): webhooks,
// the Segment-compatible tracking API, PostHog's capture API, the
// Knock-compatible REST subset and the health check.
class IngestHandler final : public RequestHandler
{
public:
    using Options = IngestContext::Options;

    IngestHandler(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options);

    void handle(HttpRequest request, HttpResponder respond) override;

private:
    IngestContext m_ctx;
    WebhookReceiver m_webhooks;
    CdpApi m_cdp;
    PostHogCaptureApi m_posthog;
    RestApi m_rest;
};

} // namespace inlet
