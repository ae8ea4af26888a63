#pragma once

#include "http/RequestHandler.h"
#include "logs/EventRecord.h"
#include "script/ScriptResult.h"

#include <QHash>

#include <functional>
#include <optional>

namespace inlet {

class ConfigStore;
struct RuntimeSource;
class StoreWorker;
class UlidGenerator;
struct SourceSettings;

// What every ingestion route shares: the configuration, the store worker,
// id generation, body decoding, preprocess scripts, rate limits and the
// "answer once stored" rule.
class IngestContext final
{
public:
    struct Options
    {
        qint64 maxBodyBytes = 5 * 1024 * 1024; // applies to the decoded body too
        std::function<qint64()> clock;         // ms since epoch; tests pin it
    };

    IngestContext(ConfigStore &config, StoreWorker &worker, UlidGenerator &ids, Options options);

    ConfigStore &config() { return m_config; }
    StoreWorker &worker() { return m_worker; }
    UlidGenerator &ids() { return m_ids; }
    qint64 now() const;
    qint64 maxBodyBytes() const { return m_options.maxBodyBytes; }

    // A new event of `rs` for `request` (headers redacted, query decoded).
    EventRecord newEvent(const RuntimeSource &rs, const HttpRequest &request, const QString &origin);

    // Decodes the request body (Content-Encoding gzip/deflate, bounded by the
    // body limit) into `body`. On failure marks `event` rejected and returns
    // the response to send.
    std::optional<HttpResponse> decodeBody(const HttpRequest &request, EventRecord &event, QByteArray &body);

    // Runs the source's preprocess script, if any, recording its output or
    // error on `event`.
    ScriptResult preprocess(const SourceSettings &settings, const HttpRequest &request, const QJsonObject &body,
                            const QByteArray &rawBody, EventRecord &event);

    // Logs `event` and answers `response` once it is stored (503 if it
    // cannot be, 429 if the queue is full).
    void store(EventRecord event, HttpResponse response, const HttpResponder &respond);

    // Key-authenticated routes: false when `rs` is over its configured rate.
    bool allowRequest(const RuntimeSource &rs);

    static HttpResponse error(int status, const QString &code, const QString &detail = {});
    // Gunzips `compressed` into `body`, at most `maxBytes`; on failure the
    // answer (413 body_too_large, 400 invalid_encoding) and `why`.
    static std::optional<HttpResponse> gunzipBody(QByteArrayView compressed, qint64 maxBytes, QByteArray &body,
                                                  QString *why = nullptr);
    static HttpResponse unavailable(const QString &detail);
    static HttpResponse overloaded();

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    ConfigStore &m_config;
    StoreWorker &m_worker;
    UlidGenerator &m_ids;
    Options m_options;
    QHash<QString, Bucket> m_buckets; // used on the server thread only
};

} // namespace inlet
