#pragma once

#include "http/HttpRequest.h"
#include "http/HttpServerLimits.h"

#include <QByteArray>
#include <QtGlobal>

#include <http_parser.h>

namespace inlet {

// Turns a byte stream into HttpRequests with the http_parser library, one
// request at a time, and enforces HttpServerLimits while doing so, so that
// nothing oversized is ever buffered.
//
// feed() stops right after a complete request (the parser pauses itself),
// which lets the connection stop reading while too many responses are
// outstanding. Once errorStatus() is non-zero the stream is unusable: the
// connection answers with that status and closes.
class HttpRequestParser final
{
    Q_DISABLE_COPY_MOVE(HttpRequestParser)
public:
    explicit HttpRequestParser(const HttpServerLimits &limits);

    // Consumes bytes up to the end of the next complete request, the first
    // error, or the end of `data`; returns how many were consumed.
    qsizetype feed(const char *data, qsizetype size);

    bool hasRequest() const { return m_ready; }
    HttpRequest takeRequest();
    // HTTP minor version of the request most recently taken (HTTP/1.x).
    int httpMinor() const { return m_httpMinor; }

    // 0, or the status to answer with (400, 413, 414, 431, 501, 505).
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorDetail() const { return m_errorDetail; }

    // Some bytes of a request have been seen but it is not complete yet.
    bool inProgress() const { return m_inProgress; }
    // True once per request whose headers asked for `Expect: 100-continue`
    // and whose body has not been read yet.
    bool takeExpectContinue();

    // Sets the remote address copied into every request.
    void setRemoteAddress(const QString &address) { m_remoteAddress = address; }

private:
    static int onMessageBegin(http_parser *parser);
    static int onUrl(http_parser *parser, const char *at, size_t length);
    static int onHeaderField(http_parser *parser, const char *at, size_t length);
    static int onHeaderValue(http_parser *parser, const char *at, size_t length);
    static int onHeadersComplete(http_parser *parser);
    static int onBody(http_parser *parser, const char *at, size_t length);
    static int onMessageComplete(http_parser *parser);

    int fail(int status, const char *detail);    // for callbacks: returns -1
    bool reject(int status, const char *detail); // for helpers: returns false
    bool countHeaderBytes(size_t length);
    bool finishHeader();
    bool checkTransferEncoding();
    void splitTarget();

    HttpServerLimits m_limits;
    http_parser m_parser;
    http_parser_settings m_settings;
    HttpRequest m_request;
    QString m_remoteAddress;
    QByteArray m_errorDetail;
    QByteArray m_transferEncoding; // all Transfer-Encoding values, comma-joined
    QByteArray m_contentLength;    // first Content-Length value
    qint64 m_headerBytes = 0;
    int m_errorStatus = 0;
    int m_httpMinor = 1;
    int m_contentLengthCount = 0;
    int m_hostCount = 0;
    bool m_ready = false;
    bool m_inProgress = false;
    bool m_inField = false;    // the last header callback was for a name
    bool m_headerOpen = false; // m_request.headers.last() is still being filled
    bool m_sawTransferEncoding = false;
    bool m_wantsContinue = false;
    bool m_expectContinue = false;
    bool m_inTrailers = false; // the headers are complete: field callbacks are trailers
};

} // namespace inlet
