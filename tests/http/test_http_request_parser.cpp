// Feeds bytes to HttpRequestParser directly: the HTTP grammar, the limits
// and the smuggling defences, without sockets.
#include "http/HttpRequestParser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

HttpServerLimits smallLimits()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 64;
    limits.maxHeaderBytes = 512;
    limits.maxHeaderCount = 8;
    limits.maxUrlBytes = 128;
    return limits;
}

struct Outcome
{
    QList<HttpRequest> requests;
    int errorStatus = 0;
    bool expectContinue = false;
    qsizetype consumed = 0;
};

// Feeds `input` in pieces of `piece` bytes (0: all at once), like a socket would.
Outcome parse(const QByteArray &input, qsizetype piece, const HttpServerLimits &limits = smallLimits())
{
    HttpRequestParser parser(limits);
    Outcome outcome;
    const qsizetype step = piece > 0 ? piece : input.size();
    for (qsizetype at = 0; at < input.size() && outcome.errorStatus == 0; at += step) {
        const char *data = input.constData() + at;
        qsizetype left = qMin(step, input.size() - at);
        while (left > 0) {
            const qsizetype used = parser.feed(data, left);
            outcome.consumed += used;
            data += used;
            left -= used;
            outcome.expectContinue = parser.takeExpectContinue() || outcome.expectContinue;
            if (parser.errorStatus() != 0) {
                outcome.errorStatus = parser.errorStatus();
                break;
            }
            if (parser.hasRequest())
                outcome.requests.append(parser.takeRequest());
            else if (used == 0)
                break;
        }
    }
    return outcome;
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void simpleGet();
    void postWithBody();
    void chunkedBody();
    void trailersAreNotHeaders();
    void pipelinedRequestsInOneBuffer();
    void percentDecodedPath();
    void absoluteFormTarget();
    void keepAliveRules_data();
    void keepAliveRules();
    void trailingWhitespaceTrimmed();
    void contentLengthOverLimitRejectedBeforeBody();
    void expectContinue();
    void expectContinueOverLimitIs413();
    void upgradeHeaderIgnored();
    void headMethod();
    void inProgressTracking();
    void largeBodyAtDefaultLimits();
};

void TestHttpRequestParser::outcomes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");   // 0: parsed fine
    QTest::addColumn<int>("requests"); // complete requests before any error

    const QByteArray get = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    QTest::newRow("get") << get << 0 << 1;
    QTest::newRow("three pipelined") << get + get + get << 0 << 3;
    QTest::newRow("post") << "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"_ba << 0 << 1;
    QTest::newRow("chunked")
        << "POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"_ba << 0 << 1;
    QTest::newRow("leading CRLF tolerated") << "\r\n"_ba + get << 0 << 1;

    QTest::newRow("content-length over limit") << "POST / HTTP/1.1\r\nContent-Length: 65\r\n\r\n"_ba << 413 << 0;
    QTest::newRow("chunked over limit") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "28\r\n0123456789012345678901234567890123456789\r\n"
                                           "28\r\n0123456789012345678901234567890123456789\r\n0\r\n\r\n"_ba
                                        << 413 << 0;
    QTest::newRow("header bytes") << "GET / HTTP/1.1\r\nX-Big: "_ba + QByteArray(600, 'a') + "\r\n\r\n"_ba << 431 << 0;
    QByteArray many = "GET / HTTP/1.1\r\n"_ba;
    for (int i = 0; i < 9; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("header count") << many + "\r\n"_ba << 431 << 0;
    QTest::newRow("url too long") << "GET /"_ba + QByteArray(200, 'u') + " HTTP/1.1\r\n\r\n"_ba << 414 << 0;

    QTest::newRow("TE and CL") << "POST / HTTP/1.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "0\r\n\r\n"_ba
                               << 400 << 0;
    QTest::newRow("CL and TE") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                                  "0\r\n\r\n"_ba
                               << 400 << 0;
    QTest::newRow("duplicate CL equal") << "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"_ba
                                        << 400 << 0;
    QTest::newRow("duplicate CL differing")
        << "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabcde"_ba << 400 << 0;
    QTest::newRow("CL list") << "POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\nabc"_ba << 400 << 0;
    QTest::newRow("negative CL") << "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("TE gzip") << "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"_ba << 501 << 0;
    QTest::newRow("TE gzip, chunked") << "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"_ba
                                      << 501 << 0;
    QTest::newRow("TE chunked twice") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked"
                                         "\r\n\r\n0\r\n\r\n"_ba
                                      << 400 << 0;
    QTest::newRow("TE in HTTP/1.0") << "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("bad chunk size") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba << 400 << 0;
    QTest::newRow("two Host headers") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("space in header name") << "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("space before colon") << "POST / HTTP/1.1\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\n"
                                           "0\r\n\r\n"_ba
                                        << 400 << 0;
    QTest::newRow("TE obs-fold gzip") << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n , gzip\r\n\r\n0\r\n\r\n"_ba
                                      << 501 << 0;
    QTest::newRow("CL obs-fold") << "POST / HTTP/1.1\r\nContent-Length: 1\r\n 0\r\n\r\n0123456789"_ba << 400 << 0;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n"_ba << 505 << 0;
    QTest::newRow("HTTP/1.2") << "GET / HTTP/1.2\r\n\r\n"_ba << 505 << 0;
    QTest::newRow("HTTP/0.9") << "GET / HTTP/0.9\r\n\r\n"_ba << 505 << 0;
    QTest::newRow("h2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("CONNECT") << "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"_ba << 501 << 0;
    QTest::newRow("garbage") << "\x01\x02\x03garbage\xff\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("lowercase method") << "get / HTTP/1.1\r\n\r\n"_ba << 400 << 0;
    QTest::newRow("TLS ClientHello") << QByteArray::fromHex("16030100a5010000a10303") + QByteArray(160, '\0') << 400
                                     << 0;
    QTest::newRow("error after a good request") << get + "BROKEN\r\n\r\n"_ba << 400 << 1;
}

void TestHttpRequestParser::outcomes()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(int, requests);
    // Every case in one piece and byte by byte: the result must not depend
    // on how TCP splits the stream.
    for (qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        const Outcome outcome = parse(input, piece);
        QCOMPARE(outcome.errorStatus, status);
        QCOMPARE(outcome.requests.size(), requests);
    }
}

void TestHttpRequestParser::simpleGet()
{
    const Outcome o =
        parse("GET /hello/world?a=1&b=%20 HTTP/1.1\r\nHost: example.com\r\nX-Mixed-CASE: Value\r\n\r\n"_ba, 0);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    const HttpRequest &r = o.requests.first();
    QCOMPARE(r.method, "GET"_ba);
    QCOMPARE(r.target, "/hello/world?a=1&b=%20"_ba);
    QCOMPARE(r.path, "/hello/world"_ba);
    QCOMPARE(r.query, "a=1&b=%20"_ba);
    QCOMPARE(r.headers.size(), 2);
    QCOMPARE(r.headers.at(1).first, "x-mixed-case"_ba);
    QCOMPARE(r.headers.at(1).second, "Value"_ba);
    QCOMPARE(r.header("X-MIXED-case"), "Value"_ba);
    QVERIFY(r.header("absent").isNull());
    QVERIFY(r.keepAlive);
    QVERIFY(r.body.isEmpty());
}

void TestHttpRequestParser::postWithBody()
{
    for (qsizetype piece : {qsizetype(0), qsizetype(1)}) {
        const Outcome o =
            parse("POST /in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
                  "{\"a\": [1, 2]}"_ba,
                  piece);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.first().method, "POST"_ba);
        QCOMPARE(o.requests.first().body, "{\"a\": [1, 2]}"_ba);
        QCOMPARE(o.requests.first().header("content-type"), "application/json"_ba);
    }
}

void TestHttpRequestParser::chunkedBody()
{
    const QByteArray input = "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"
                             "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n"_ba;
    for (qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
        const Outcome o = parse(input, piece);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.first().body, "hello world"_ba);
        QCOMPARE(o.consumed, input.size());
        QVERIFY(o.requests.first().header("x-trailer").isNull());
    }
}

void TestHttpRequestParser::trailersAreNotHeaders()
{
    // Trailer fields come after the headers were checked and the message
    // framed: a Content-Length or a write key there must not reach the
    // handler as if it had been a header (found by fuzz_http_parser).
    const QByteArray input = "POST /c HTTP/1.1\r\nHost: x\r\nX-Write-Key: real\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n0\r\nContent-Length: 1\r\nX-Write-Key: forged\r\n\r\n"
                             "GET /next HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    for (qsizetype piece : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
        const Outcome o = parse(input, piece);
        QCOMPARE(o.errorStatus, 0);
        QCOMPARE(o.requests.size(), 2);
        const HttpRequest &r = o.requests.first();
        QCOMPARE(r.body, "hello"_ba);
        QVERIFY(r.header("content-length").isNull());
        QCOMPARE(r.header("x-write-key"), "real"_ba);
        QCOMPARE(r.headers.size(), 3);
        QCOMPARE(o.requests.at(1).path, "/next"_ba);
    }
    // Trailers count against the header limit like headers.
    const QByteArray big =
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Pad: "_ba + QByteArray(4096, 'a') + "\r\n\r\n"_ba;
    QCOMPARE(parse(big, 0).errorStatus, 431);
}

void TestHttpRequestParser::pipelinedRequestsInOneBuffer()
{
    const QByteArray input = "POST /1 HTTP/1.1\r\nContent-Length: 1\r\n\r\nA"
                             "GET /2 HTTP/1.1\r\n\r\n"
                             "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nC\r\n0\r\n\r\n"_ba;
    HttpRequestParser parser(smallLimits());
    // feed() stops after each request, so the caller can stop in between.
    qsizetype at = 0;
    QList<HttpRequest> requests;
    while (at < input.size()) {
        at += parser.feed(input.constData() + at, input.size() - at);
        QCOMPARE(parser.errorStatus(), 0);
        QVERIFY(parser.hasRequest());
        requests.append(parser.takeRequest());
    }
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).path, "/1"_ba);
    QCOMPARE(requests.at(0).body, "A"_ba);
    QCOMPARE(requests.at(1).path, "/2"_ba);
    QVERIFY(requests.at(1).body.isEmpty());
    QCOMPARE(requests.at(2).path, "/3"_ba);
    QCOMPARE(requests.at(2).body, "C"_ba);
}

void TestHttpRequestParser::percentDecodedPath()
{
    const Outcome o = parse("GET /integrations/receive/a%20b%2Fc/%C3%A9?q=%2F+x#frag HTTP/1.1\r\n\r\n"_ba, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.first().path, "/integrations/receive/a b/c/\xC3\xA9"_ba);
    QCOMPARE(o.requests.first().query, "q=%2F+x"_ba);
}

void TestHttpRequestParser::absoluteFormTarget()
{
    const Outcome o = parse("GET http://example.com:8080/a%21?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"_ba, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.first().path, "/a!"_ba);
    QCOMPARE(o.requests.first().query, "x=1"_ba);
}

void TestHttpRequestParser::keepAliveRules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("keepAlive");
    QTest::newRow("1.1 default") << "GET / HTTP/1.1\r\n\r\n"_ba << true;
    QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"_ba << false;
    QTest::newRow("1.1 Close mixed case") << "GET / HTTP/1.1\r\nConnection: Close\r\n\r\n"_ba << false;
    QTest::newRow("1.0 default") << "GET / HTTP/1.0\r\n\r\n"_ba << false;
    QTest::newRow("1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba << true;
}

void TestHttpRequestParser::keepAliveRules()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, keepAlive);
    const Outcome o = parse(input, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.first().keepAlive, keepAlive);
}

void TestHttpRequestParser::trailingWhitespaceTrimmed()
{
    const Outcome o = parse("GET / HTTP/1.1\r\nX-A:   spaced value \t \r\nX-Empty:\r\nX-B: b\r\n\r\n"_ba, 1);
    QCOMPARE(o.requests.size(), 1);
    const HttpRequest &r = o.requests.first();
    QCOMPARE(r.header("x-a"), "spaced value"_ba);
    QVERIFY(!r.header("x-empty").isNull());
    QVERIFY(r.header("x-empty").isEmpty());
    QCOMPARE(r.header("x-b"), "b"_ba);
}

void TestHttpRequestParser::contentLengthOverLimitRejectedBeforeBody()
{
    HttpRequestParser parser(smallLimits());
    const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n"_ba;
    parser.feed(head.constData(), head.size());
    QCOMPARE(parser.errorStatus(), 413);
    QVERIFY(!parser.hasRequest());
}

void TestHttpRequestParser::expectContinue()
{
    HttpRequestParser parser(smallLimits());
    const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-Continue\r\n\r\n"_ba;
    QCOMPARE(parser.feed(head.constData(), head.size()), head.size());
    QVERIFY(!parser.hasRequest());
    QVERIFY(parser.inProgress());
    QVERIFY(parser.takeExpectContinue());
    QVERIFY(!parser.takeExpectContinue()); // once
    parser.feed("body", 4);
    QVERIFY(parser.hasRequest());
    QCOMPARE(parser.takeRequest().body, "body"_ba);

    // Not for HTTP/1.0, nor without a body.
    QVERIFY(!parse("POST / HTTP/1.0\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"_ba, 0).expectContinue);
    QVERIFY(!parse("POST / HTTP/1.1\r\nContent-Length: 0\r\nExpect: 100-continue\r\n\r\n"_ba, 0).expectContinue);
}

void TestHttpRequestParser::expectContinueOverLimitIs413()
{
    const Outcome o = parse("POST / HTTP/1.1\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"_ba, 0);
    QCOMPARE(o.errorStatus, 413);
    QVERIFY(!o.expectContinue);
}

void TestHttpRequestParser::upgradeHeaderIgnored()
{
    // We speak no other protocol: an Upgrade request is an ordinary request
    // and the bytes after it are the next request.
    const Outcome o = parse("GET /ws HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                            "GET /next HTTP/1.1\r\n\r\n"_ba,
                            0);
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 2);
    QCOMPARE(o.requests.at(1).path, "/next"_ba);
}

void TestHttpRequestParser::headMethod()
{
    const Outcome o = parse("HEAD /h HTTP/1.1\r\n\r\nDELETE /d HTTP/1.1\r\n\r\n"_ba, 0);
    QCOMPARE(o.requests.size(), 2);
    QCOMPARE(o.requests.at(0).method, "HEAD"_ba);
    QCOMPARE(o.requests.at(1).method, "DELETE"_ba);
}

void TestHttpRequestParser::inProgressTracking()
{
    HttpRequestParser parser(smallLimits());
    QVERIFY(!parser.inProgress());
    parser.feed("GET / HT", 8);
    QVERIFY(parser.inProgress());
    parser.feed("TP/1.1\r\n\r\n", 10);
    QVERIFY(parser.hasRequest());
    QVERIFY(!parser.inProgress());
    parser.takeRequest();
}

void TestHttpRequestParser::largeBodyAtDefaultLimits()
{
    const QByteArray body(1024 * 1024, 'x');
    const QByteArray input =
        "POST / HTTP/1.1\r\nContent-Length: "_ba + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    const Outcome o = parse(input, 16 * 1024, HttpServerLimits{});
    QCOMPARE(o.errorStatus, 0);
    QCOMPARE(o.requests.size(), 1);
    QCOMPARE(o.requests.first().body.size(), body.size());
}

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "test_http_request_parser.moc"
