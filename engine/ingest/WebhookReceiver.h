#pragma once

#include "http/RequestHandler.h"

namespace inlet {

class IngestContext;

// `POST /integrations/receive/{token}`: steps 1-4 of SPEC section 5 for a
// webhook - find the configuration, decode and parse the body, preprocess,
// verify, and store; the 200 goes out once the event is durable.
class WebhookReceiver final
{
public:
    explicit WebhookReceiver(IngestContext &context);
    void receive(const QString &token, const HttpRequest &request, const HttpResponder &respond);

private:
    IngestContext &m_ctx;
};

} // namespace inlet
