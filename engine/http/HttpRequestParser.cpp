#include "http/HttpRequestParser.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

HttpRequestParser *self(http_parser *parser)
{
    return static_cast<HttpRequestParser *>(parser->data);
}

// RFC 9110 5.6.2 tchar. The library is built non-strict (Debian), which lets
// spaces into header names; "Transfer-Encoding : chunked" must not slip past.
constexpr bool isTokenChar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' || c == '#' ||
           c == '$' || c == '%' || c == '&' || c == '\'' || c == '*' || c == '+' || c == '-' || c == '.' || c == '^' ||
           c == '_' || c == '`' || c == '|' || c == '~';
}

// Appends `length` bytes lower-cased in place (names are compared
// case-insensitively; doing it while copying avoids a second pass), and
// returns false if one is not a token character.
bool appendLowerToken(QByteArray &out, const char *at, size_t length)
{
    const qsizetype start = out.size();
    out.append(at, qsizetype(length));
    char *p = out.data() + start;
    bool valid = true;
    for (size_t i = 0; i < length; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c >= 'A' && c <= 'Z')
            p[i] = char(c + ('a' - 'A'));
        else
            valid = valid && isTokenChar(c);
    }
    return valid;
}

QByteArrayView trimmed(QByteArrayView v)
{
    while (!v.isEmpty() && (v.front() == ' ' || v.front() == '\t'))
        v = v.sliced(1);
    while (!v.isEmpty() && (v.back() == ' ' || v.back() == '\t'))
        v.chop(1);
    return v;
}

constexpr qint64 kMaxBodyReserve = 256 * 1024; // a declared length is a promise, not proof
constexpr int kHeaderLineOverhead = 4;         // ": " and CRLF, not seen by the callbacks

} // namespace

HttpRequestParser::HttpRequestParser(const HttpServerLimits &limits)
    : m_limits(limits)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    http_parser_settings_init(&m_settings);
    m_settings.on_message_begin = &HttpRequestParser::onMessageBegin;
    m_settings.on_url = &HttpRequestParser::onUrl;
    m_settings.on_header_field = &HttpRequestParser::onHeaderField;
    m_settings.on_header_value = &HttpRequestParser::onHeaderValue;
    m_settings.on_headers_complete = &HttpRequestParser::onHeadersComplete;
    m_settings.on_body = &HttpRequestParser::onBody;
    m_settings.on_message_complete = &HttpRequestParser::onMessageComplete;
}

qsizetype HttpRequestParser::feed(const char *data, qsizetype size)
{
    Q_ASSERT(!m_ready);
    // A zero length means end-of-stream to http_parser; never send it.
    if (size <= 0 || m_errorStatus != 0)
        return 0;
    const size_t consumed = http_parser_execute(&m_parser, &m_settings, data, size_t(size));
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED) {
        // Paused by onMessageComplete: one request is ready.
        http_parser_pause(&m_parser, 0);
    } else if (error != HPE_OK && m_errorStatus == 0) {
        // An error of the grammar itself (callbacks set their own status).
        m_errorStatus = error == HPE_HEADER_OVERFLOW ? 431 : 400;
        m_errorDetail = QByteArray(http_errno_description(error));
    }
    return qsizetype(consumed);
}

HttpRequest HttpRequestParser::takeRequest()
{
    Q_ASSERT(m_ready);
    m_ready = false;
    return std::move(m_request);
}

bool HttpRequestParser::takeExpectContinue()
{
    return std::exchange(m_expectContinue, false);
}

int HttpRequestParser::fail(int status, const char *detail)
{
    m_errorStatus = status;
    m_errorDetail = QByteArray(detail);
    return -1;
}

bool HttpRequestParser::reject(int status, const char *detail)
{
    fail(status, detail);
    return false;
}

bool HttpRequestParser::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes > m_limits.maxHeaderBytes)
        return reject(431, "request header fields too large");
    return true;
}

int HttpRequestParser::onMessageBegin(http_parser *parser)
{
    HttpRequestParser *p = self(parser);
    p->m_request = HttpRequest{};
    p->m_request.headers.reserve(16);
    p->m_request.remoteAddress = p->m_remoteAddress;
    p->m_transferEncoding.clear();
    p->m_contentLength.clear();
    p->m_headerBytes = 0;
    p->m_contentLengthCount = 0;
    p->m_hostCount = 0;
    p->m_inProgress = true;
    p->m_inField = false;
    p->m_headerOpen = false;
    p->m_sawTransferEncoding = false;
    p->m_wantsContinue = false;
    p->m_expectContinue = false;
    p->m_inTrailers = false;
    return 0;
}

int HttpRequestParser::onUrl(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *p = self(parser);
    if (p->m_request.target.size() + qint64(length) > p->m_limits.maxUrlBytes)
        return p->fail(414, "request-target too long");
    if (!p->countHeaderBytes(length))
        return -1;
    p->m_request.target.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onHeaderField(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *p = self(parser);
    if (p->m_inTrailers) {
        // A chunked body's trailer fields come after the message was framed
        // and its headers handed on: not merged into them (RFC 9110 6.5.1),
        // or a trailer could add a Content-Length, a signature or a key that
        // whatever checked the headers never saw. They count against the
        // header limit all the same.
        const size_t overhead = p->m_inField ? 0 : size_t(kHeaderLineOverhead);
        p->m_inField = true;
        return p->countHeaderBytes(length + overhead) ? 0 : -1;
    }
    if (!p->m_inField) {
        // A new header starts; the previous one (if any) is complete.
        if (p->m_headerOpen && !p->finishHeader())
            return -1;
        if (p->m_request.headers.size() >= p->m_limits.maxHeaderCount)
            return p->fail(431, "too many header fields");
        p->m_request.headers.emplaceBack();
        p->m_headerOpen = true;
        p->m_inField = true;
        if (!p->countHeaderBytes(kHeaderLineOverhead))
            return -1;
    }
    if (!p->countHeaderBytes(length))
        return -1;
    if (!appendLowerToken(p->m_request.headers.last().first, at, length))
        return p->fail(400, "invalid character in header name");
    return 0;
}

int HttpRequestParser::onHeaderValue(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *p = self(parser);
    p->m_inField = false;
    if (p->m_inTrailers)
        return p->countHeaderBytes(length) ? 0 : -1;
    if (!p->countHeaderBytes(length))
        return -1;
    p->m_request.headers.last().second.append(at, qsizetype(length));
    return 0;
}

bool HttpRequestParser::finishHeader()
{
    m_headerOpen = false;
    auto &[name, value] = m_request.headers.last();
    // http_parser drops leading whitespace only; trailing OWS is not part of the value.
    qsizetype end = value.size();
    while (end > 0 && (value.at(end - 1) == ' ' || value.at(end - 1) == '\t'))
        --end;
    if (end != value.size())
        value.truncate(end);
    else if (value.isNull())
        value = ""_ba; // present but empty must differ from absent for header()

    // The headers that decide message framing are checked here, once each,
    // by length first so ordinary headers cost one switch.
    switch (name.size()) {
    case 4:
        if (name == "host"_ba && ++m_hostCount > 1)
            return reject(400, "more than one Host header");
        break;
    case 6:
        if (name == "expect"_ba && value.compare("100-continue"_ba, Qt::CaseInsensitive) == 0)
            m_wantsContinue = true;
        break;
    case 14:
        if (name == "content-length"_ba) {
            // Two lengths, equal or not, are how requests get smuggled past proxies.
            if (++m_contentLengthCount > 1)
                return reject(400, "more than one Content-Length header");
            m_contentLength = value;
        }
        break;
    case 17:
        if (name == "transfer-encoding"_ba) {
            if (m_sawTransferEncoding)
                m_transferEncoding.append(',');
            m_sawTransferEncoding = true;
            m_transferEncoding.append(value);
        }
        break;
    default:
        break;
    }
    return true;
}

bool HttpRequestParser::checkTransferEncoding()
{
    // RFC 9112 6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing.
    if (m_parser.http_minor == 0)
        return reject(400, "Transfer-Encoding in an HTTP/1.0 request");
    if (m_contentLengthCount > 0)
        return reject(400, "both Transfer-Encoding and Content-Length");
    int chunked = 0;
    bool unknown = false;
    QByteArrayView rest(m_transferEncoding);
    while (!rest.isEmpty()) {
        const qsizetype comma = rest.indexOf(',');
        const QByteArrayView token = trimmed(comma < 0 ? rest : rest.first(comma));
        rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
        if (token.isEmpty())
            continue;
        if (token.compare("chunked"_ba, Qt::CaseInsensitive) == 0)
            ++chunked;
        else
            unknown = true;
    }
    if (unknown)
        return reject(501, "unsupported transfer-coding");
    if (chunked != 1 || (m_parser.flags & F_CHUNKED) == 0)
        return reject(400, "invalid Transfer-Encoding");
    return true;
}

void HttpRequestParser::splitTarget()
{
    const QByteArray &target = m_request.target;
    QByteArrayView rawPath;
    QByteArrayView query;
    if (target.startsWith('/')) {
        qsizetype end = target.size();
        const qsizetype hash = target.indexOf('#');
        if (hash >= 0)
            end = hash;
        const qsizetype question = QByteArrayView(target).first(end).indexOf('?');
        if (question >= 0) {
            query = QByteArrayView(target).sliced(question + 1, end - question - 1);
            end = question;
        }
        if (end == target.size() && !target.contains('%')) {
            m_request.path = target; // shared, no copy: the common case
            return;
        }
        rawPath = QByteArrayView(target).first(end);
    } else if (target == "*"_ba) {
        rawPath = target;
    } else {
        // absolute-form ("http://host/p?q"), which HTTP/1.1 servers must accept
        http_parser_url url;
        http_parser_url_init(&url);
        if (http_parser_parse_url(target.constData(), size_t(target.size()), 0, &url) == 0) {
            if (url.field_set & (1 << UF_PATH))
                rawPath = QByteArrayView(target).sliced(url.field_data[UF_PATH].off, url.field_data[UF_PATH].len);
            if (url.field_set & (1 << UF_QUERY))
                query = QByteArrayView(target).sliced(url.field_data[UF_QUERY].off, url.field_data[UF_QUERY].len);
        }
        if (rawPath.isEmpty())
            rawPath = "/";
    }
    if (!query.isEmpty())
        m_request.query = query.toByteArray();
    m_request.path =
        rawPath.contains('%') ? QByteArray::fromPercentEncoding(rawPath.toByteArray()) : rawPath.toByteArray();
}

int HttpRequestParser::onHeadersComplete(http_parser *parser)
{
    HttpRequestParser *p = self(parser);
    if (p->m_headerOpen && !p->finishHeader())
        return -1;
    p->m_inTrailers = true; // header callbacks from now on are a chunked body's trailers
    p->m_inField = false;
    // Nothing else about a request of another major version can be trusted.
    if (parser->http_major != 1 || parser->http_minor > 1)
        return p->fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    if (p->m_sawTransferEncoding && !p->checkTransferEncoding())
        return -1;
    // A tunnel would turn the rest of the stream into something we don't parse.
    if (parser->method == HTTP_CONNECT)
        return p->fail(501, "CONNECT is not supported");

    const bool chunked = (parser->flags & F_CHUNKED) != 0;
    const bool hasLength = !chunked && (parser->flags & F_CONTENTLENGTH) != 0;
    if (hasLength && parser->content_length > quint64(p->m_limits.maxBodyBytes))
        return p->fail(413, "request body too large");

    HttpRequest &request = p->m_request;
    // Method names are static strings in the library: share them, don't copy.
    const char *method = http_method_str(static_cast<http_method>(parser->method));
    request.method = QByteArray::fromRawData(method, qsizetype(qstrlen(method)));
    request.keepAlive = http_should_keep_alive(parser) != 0;
    p->splitTarget();
    if (hasLength && parser->content_length > 0)
        request.body.reserve(qsizetype(std::min<quint64>(parser->content_length, kMaxBodyReserve)));
    // 100-continue only makes sense while the body is still to come (HTTP/1.1 only).
    p->m_expectContinue =
        p->m_wantsContinue && parser->http_minor == 1 && (chunked || (hasLength && parser->content_length > 0));
    return 0;
}

int HttpRequestParser::onBody(http_parser *parser, const char *at, size_t length)
{
    HttpRequestParser *p = self(parser);
    // Reached only by chunked bodies: declared lengths were checked up front.
    if (p->m_request.body.size() + qint64(length) > p->m_limits.maxBodyBytes)
        return p->fail(413, "request body too large");
    p->m_request.body.append(at, qsizetype(length));
    return 0;
}

int HttpRequestParser::onMessageComplete(http_parser *parser)
{
    HttpRequestParser *p = self(parser);
    p->m_ready = true;
    p->m_inProgress = false;
    p->m_expectContinue = false;
    p->m_httpMinor = parser->http_minor;
    // Stop after each request so the caller decides when to parse the next.
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace inlet
