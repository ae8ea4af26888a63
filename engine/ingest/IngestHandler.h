#pragma once

#include "http/RequestHandler.h"
#include "logs/EventRecord.h"

#include <functional>

namespace inlet {

class ConfigStore;
class RuntimeSource;
class StoreWorker;
class UlidGenerator;

// Routes requests and runs steps 1-4 of the pipeline (SPEC section 5):
// find the source configuration, decode and parse the body, verify, and hand
// the event to the store worker; the 200 goes out only once it is durable.
class IngestHandler final : public RequestHandler
{
public:
    struct Options
    {
        qint64 maxBodyBytes = 5 * 1024 * 1024; // applies to the decoded body too
        std::function<qint64()> clock;         // ms since epoch; tests pin it
    };

    IngestHandler(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options);

    void handle(HttpRequest request, HttpResponder respond) override;

private:
    void receive(const QString &token, HttpRequest &request, HttpResponder &respond);
    // Logs `event`; answers `response` once stored, 503 if it cannot be.
    void logAndRespond(EventRecord event, HttpResponse response, HttpResponder &respond);
    EventRecord newEvent(const RuntimeSource &rs, const HttpRequest &request);
    qint64 now() const;

    ConfigStore &m_config;
    StoreWorker &m_worker;
    UlidGenerator &m_ids;
    Options m_options;
};

} // namespace inlet
