#pragma once

#include "http/RequestHandler.h"
#include "ingest/EventProcessor.h"

namespace inlet {

class IngestContext;
struct RuntimeSource;

// The Knock-compatible REST subset for reverse-ETL tools (SPEC section 8).
// `Authorization: Bearer <api key>` selects a source configuration (and so
// the environment). Each request is one event of that source, with event
// type = the operation (`users.identify`, ...); its actions run in the same
// transaction that stores the event, and the response carries what was
// written, as Knock's API answers.
class RestApi final
{
public:
    static constexpr int kMaxBulk = 1000;

    explicit RestApi(IngestContext &context);

    bool handles(const QByteArray &path) const;
    void handle(const HttpRequest &request, const HttpResponder &respond);

    // A request turned into an operation, or an error to answer.
    struct Operation
    {
        QString name; // users.identify, ...
        QList<DirectAction> actions;
        int errorStatus = 0; // non-zero: answer this
        QString errorCode;
        QString errorMessage;
    };
    static Operation parse(const QByteArray &method, const QList<QString> &segments, const QJsonValue &body,
                           const QByteArray &query);

    static HttpResponse error(int status, const QString &code, const QString &message);

private:
    IngestContext &m_ctx;
};

} // namespace inlet
