// HttpResponse helpers and the wire format the server writes.
#include "http/HttpResponse.h"
#include "http/HttpResponseEncoder.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

class TestHttpResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonHelpers();
    void reasonPhrases_data();
    void reasonPhrases();
    void encodesStatusHeadersAndBody();
    void headAndBodylessStatuses_data();
    void headAndBodylessStatuses();
    void serverOwnedHeadersReplaced();
    void headerInjectionNeutralised();
    void connectionHeader();
    void dateFormat();
};

void TestHttpResponse::jsonHelpers()
{
    const HttpResponse fromObject = HttpResponse::json(201, QJsonObject{{u"id"_s, u"x"_s}, {u"n"_s, 1}});
    QCOMPARE(fromObject.status, 201);
    QCOMPARE(fromObject.body, R"({"id":"x","n":1})"_ba); // compact
    QCOMPARE(fromObject.headers.size(), 1);
    QCOMPARE(fromObject.headers.first().first, "Content-Type"_ba);
    QCOMPARE(fromObject.headers.first().second, "application/json"_ba);

    HttpResponse raw = HttpResponse::json(429, R"({"error":"overloaded"})"_ba);
    raw.withHeader("Retry-After"_ba, "1"_ba).withHeader("X-A"_ba, "b"_ba);
    QCOMPARE(raw.body, R"({"error":"overloaded"})"_ba);
    QCOMPARE(raw.headers.size(), 3);
    QCOMPARE(raw.headers.at(1), qMakePair("Retry-After"_ba, "1"_ba));
}

void TestHttpResponse::reasonPhrases_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("200") << 200 << "OK"_ba;
    QTest::newRow("201") << 201 << "Created"_ba;
    QTest::newRow("202") << 202 << "Accepted"_ba;
    QTest::newRow("204") << 204 << "No Content"_ba;
    QTest::newRow("400") << 400 << "Bad Request"_ba;
    QTest::newRow("401") << 401 << "Unauthorized"_ba;
    QTest::newRow("403") << 403 << "Forbidden"_ba;
    QTest::newRow("404") << 404 << "Not Found"_ba;
    QTest::newRow("405") << 405 << "Method Not Allowed"_ba;
    QTest::newRow("408") << 408 << "Request Timeout"_ba;
    QTest::newRow("411") << 411 << "Length Required"_ba;
    QTest::newRow("413") << 413 << "Payload Too Large"_ba;
    QTest::newRow("414") << 414 << "URI Too Long"_ba;
    QTest::newRow("415") << 415 << "Unsupported Media Type"_ba;
    QTest::newRow("429") << 429 << "Too Many Requests"_ba;
    QTest::newRow("431") << 431 << "Request Header Fields Too Large"_ba;
    QTest::newRow("500") << 500 << "Internal Server Error"_ba;
    QTest::newRow("501") << 501 << "Not Implemented"_ba;
    QTest::newRow("503") << 503 << "Service Unavailable"_ba;
    QTest::newRow("505") << 505 << "HTTP Version Not Supported"_ba;
    QTest::newRow("409 from library table") << 409 << "Conflict"_ba;
    QTest::newRow("unknown") << 599 << "Unknown"_ba;
}

void TestHttpResponse::reasonPhrases()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QCOMPARE(HttpResponse::reasonPhrase(status), reason);
}

void TestHttpResponse::encodesStatusHeadersAndBody()
{
    QByteArray out = "prefix"_ba; // appends, never replaces
    HttpResponseEncoder::append(out, HttpResponse::json(404, R"({"error":"unknown_source"})"_ba), false,
                                HttpResponseEncoder::Connection::Persistent);
    QVERIFY(out.startsWith("prefixHTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 26\r\n"));
    QVERIFY(out.contains("\r\nDate: "));
    QVERIFY(!out.contains("Connection:"));
    QVERIFY(out.endsWith("\r\n\r\n{\"error\":\"unknown_source\"}"));
}

void TestHttpResponse::headAndBodylessStatuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("head");
    QTest::addColumn<bool>("hasLength");
    QTest::newRow("HEAD 200") << 200 << true << true;
    QTest::newRow("204") << 204 << false << false;
    QTest::newRow("304") << 304 << false << false;
}

void TestHttpResponse::headAndBodylessStatuses()
{
    QFETCH(int, status);
    QFETCH(bool, head);
    QFETCH(bool, hasLength);
    QByteArray out;
    HttpResponse response;
    response.status = status;
    response.body = "12345"_ba;
    HttpResponseEncoder::append(out, response, head, HttpResponseEncoder::Connection::Persistent);
    QVERIFY(out.endsWith("\r\n\r\n")); // no body bytes
    QCOMPARE(out.contains("Content-Length: 5\r\n"), hasLength);
}

void TestHttpResponse::serverOwnedHeadersReplaced()
{
    HttpResponse response = HttpResponse::json(200, "{}"_ba);
    response.withHeader("content-length"_ba, "999"_ba).withHeader("Connection"_ba, "upgrade"_ba);
    response.withHeader("Transfer-Encoding"_ba, "chunked"_ba).withHeader("DATE"_ba, "yesterday"_ba);
    QByteArray out;
    HttpResponseEncoder::append(out, response, false, HttpResponseEncoder::Connection::Close);
    QVERIFY(!out.contains("999"));
    QVERIFY(!out.contains("upgrade"));
    QVERIFY(!out.contains("chunked"));
    QVERIFY(!out.contains("yesterday"));
    QVERIFY(out.contains("Content-Length: 2\r\n"));
    QVERIFY(out.contains("Connection: close\r\n"));
}

void TestHttpResponse::headerInjectionNeutralised()
{
    HttpResponse response;
    response.withHeader("X-Echo"_ba, "a\r\nSet-Cookie: evil=1"_ba);
    QByteArray out;
    HttpResponseEncoder::append(out, response, false, HttpResponseEncoder::Connection::Persistent);
    QVERIFY(!out.contains("\r\nSet-Cookie"));
    QVERIFY(out.contains("X-Echo: a  Set-Cookie: evil=1\r\n"));
}

void TestHttpResponse::connectionHeader()
{
    QByteArray out;
    HttpResponseEncoder::append(out, HttpResponse{}, false, HttpResponseEncoder::Connection::KeepAlive);
    QVERIFY(out.contains("Connection: keep-alive\r\n"));
    QCOMPARE(HttpResponseEncoder::interimContinue(), "HTTP/1.1 100 Continue\r\n\r\n"_ba);
}

void TestHttpResponse::dateFormat()
{
    const QByteArray date = HttpResponseEncoder::httpDate();
    // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
    QCOMPARE(date.size(), 29);
    QVERIFY(date.endsWith(" GMT"));
    QCOMPARE(date.at(3), ',');
}

QTEST_GUILESS_MAIN(TestHttpResponse)
#include "test_http_response.moc"
