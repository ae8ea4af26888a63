#include "http/HttpResponse.h"

#include "util/JsonWriter.h"

#include <http_parser.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

HttpResponse HttpResponse::json(int status, const QJsonObject &body)
{
    return json(status, JsonWriter::write(body));
}

HttpResponse HttpResponse::json(int status, const QByteArray &compactJson)
{
    HttpResponse response;
    response.status = status;
    response.headers.append({"Content-Type"_ba, "application/json"_ba});
    response.body = compactJson;
    return response;
}

HttpResponse &HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    // The statuses Inlet sends are spelled out so they never depend on the
    // parser library's table; anything else falls back to it.
    switch (status) {
    case 100:
        return "Continue"_ba;
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 202:
        return "Accepted"_ba;
    case 204:
        return "No Content"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 408:
        return "Request Timeout"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Payload Too Large"_ba;
    case 414:
        return "URI Too Long"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 431:
        return "Request Header Fields Too Large"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 501:
        return "Not Implemented"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 505:
        return "HTTP Version Not Supported"_ba;
    default:
        break;
    }
    const char *text = http_status_str(static_cast<http_status>(status));
    if (text == nullptr || text[0] == '<') // "<unknown>"
        return "Unknown"_ba;
    return QByteArray(text);
}

} // namespace inlet
