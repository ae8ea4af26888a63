#include "http/HttpResponseEncoder.h"

#include <QDateTime>
#include <QLocale>

#include <ctime>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

// The server owns these; a handler's own copy would contradict ours.
bool isServerHeader(const QByteArray &name)
{
    switch (name.size()) {
    case 4:
        return name.compare("date"_ba, Qt::CaseInsensitive) == 0;
    case 10:
        return name.compare("connection"_ba, Qt::CaseInsensitive) == 0;
    case 14:
        return name.compare("content-length"_ba, Qt::CaseInsensitive) == 0;
    case 17:
        return name.compare("transfer-encoding"_ba, Qt::CaseInsensitive) == 0;
    default:
        return false;
    }
}

// Header values may carry client-supplied text; a CR or LF would let it
// inject headers or a whole response.
void appendSafe(QByteArray &out, const QByteArray &text)
{
    if (!text.contains('\r') && !text.contains('\n')) {
        out.append(text);
        return;
    }
    for (char c : text)
        out.append(c == '\r' || c == '\n' ? ' ' : c);
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value > 0 && n < int(sizeof digits));
    while (n > 0)
        out.append(digits[--n]);
}

} // namespace

void HttpResponseEncoder::append(QByteArray &out, const HttpResponse &response, bool headRequest, Connection connection)
{
    const int status = response.status;
    // RFC 9110 6.4.1: 1xx, 204 and 304 never carry content (nor its length).
    const bool bodyAllowed = status >= 200 && status != 204 && status != 304;
    out.reserve(out.size() + 160 + response.body.size());
    out.append("HTTP/1.1 ");
    appendNumber(out, status);
    out.append(' ');
    out.append(HttpResponse::reasonPhrase(status));
    out.append("\r\n");
    for (const auto &[name, value] : response.headers) {
        if (isServerHeader(name))
            continue;
        appendSafe(out, name);
        out.append(": ");
        appendSafe(out, value);
        out.append("\r\n");
    }
    if (bodyAllowed) {
        out.append("Content-Length: ");
        appendNumber(out, response.body.size());
        out.append("\r\n");
    }
    out.append("Date: ");
    out.append(httpDate());
    out.append("\r\n");
    if (connection == Connection::Close)
        out.append("Connection: close\r\n");
    else if (connection == Connection::KeepAlive)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
    if (bodyAllowed && !headRequest)
        out.append(response.body);
}

QByteArray HttpResponseEncoder::interimContinue()
{
    return "HTTP/1.1 100 Continue\r\n\r\n"_ba;
}

QByteArray HttpResponseEncoder::httpDate()
{
    // Formatting a date per response would cost more than parsing the
    // request; it only changes once a second.
    thread_local std::time_t cachedSecond = -1;
    thread_local QByteArray cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        cachedSecond = now;
        const QDateTime utc = QDateTime::fromSecsSinceEpoch(qint64(now), Qt::UTC);
        cached = QLocale::c().toString(utc, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
    }
    return cached;
}

} // namespace inlet
