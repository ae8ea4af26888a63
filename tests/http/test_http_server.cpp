// A real HttpServer on 127.0.0.1 with raw socket clients: framing, limits,
// pipelining, timeouts and connection handling as a client sees them.
#include "http/HttpServer.h"

#include "support/RawHttpClient.h"
#include "support/TestRequestHandler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;
using namespace inlet::test;

namespace {

QJsonObject jsonBody(const RawHttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray get(const QByteArray &target, const QByteArray &extra = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

QByteArray post(const QByteArray &target, const QByteArray &body)
{
    return "POST " + target + " HTTP/1.1\r\nHost: test\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

// Runs `work` on a fresh thread and waits (spinning the event loop) for it.
bool runOnWorker(std::function<void()> work)
{
    std::unique_ptr<QThread> thread(QThread::create(std::move(work)));
    thread->start();
    return QTest::qWaitFor([&] { return thread->isFinished(); }, 5000) && thread->wait(1000);
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void exchanges_data();
    void exchanges();
    void echoesRequestParts();
    void percentDecodedPath();
    void headHasNoBody();
    void largeBody();
    void pipelinedAnsweredInReverseFromWorker();
    void outOfOrderOnServerThread();
    void pipelineLimitPausesReading();
    void readTimeout();
    void idleTimeoutClosesKeepAlive();
    void expectContinue();
    void expectContinueOverLimit();
    void bodyOverLimitNotRead();
    void connectionCap();
    void clientDisconnectsBeforeResponse();
    void clientDisconnectsMidRequest();
    void paused();
    void droppedResponderAnswers500();
    void respondTwiceIgnored();
    void inFlightAndIdle();
    void closeDrainsInFlight();
    void listenFailureReported();
    void responderOutlivesServer();

private:
    void startServer(HttpServerLimits limits = smallLimits());
    static HttpServerLimits smallLimits();

    std::unique_ptr<TestRequestHandler> m_handler;
    std::unique_ptr<HttpServer> m_server;
};

HttpServerLimits TestHttpServer::smallLimits()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 1024;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderCount = 20;
    limits.maxUrlBytes = 512;
    limits.idleTimeoutMs = 10000;
    limits.readTimeoutMs = 10000;
    limits.maxConnections = 50;
    limits.maxPipelinedRequests = 8;
    return limits;
}

void TestHttpServer::init()
{
    m_handler = std::make_unique<TestRequestHandler>();
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    m_handler.reset();
}

void TestHttpServer::startServer(HttpServerLimits limits)
{
    m_server = std::make_unique<HttpServer>(m_handler.get(), limits);
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0), qPrintable(m_server->errorString()));
    QVERIFY(m_server->serverPort() != 0);
    QCOMPARE(m_server->serverAddress(), QHostAddress(QHostAddress::LocalHost));
}

void TestHttpServer::exchanges_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<qsizetype>("piece"); // write size; 0: one write
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("closed"); // the server closes after the responses

    const QByteArray chunked = "POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"_ba;
    QByteArray manyHeaders = "GET / HTTP/1.1\r\n"_ba;
    for (int i = 0; i < 21; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": v\r\n";
    manyHeaders += "\r\n";
    QByteArray overChunked = "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"_ba;
    for (int i = 0; i < 3; ++i)
        overChunked += "200\r\n" + QByteArray(512, 'z') + "\r\n";
    overChunked += "0\r\n\r\n";

    using L = QList<int>;
    QTest::newRow("GET") << get("/") << qsizetype(0) << L{200} << false;
    QTest::newRow("POST") << post("/p", "{}") << qsizetype(0) << L{200} << false;
    QTest::newRow("1-byte writes") << post("/p", "{\"a\":1}") << qsizetype(1) << L{200} << false;
    QTest::newRow("headers split") << get("/", "X-Long: abcdefghijklmnopqrstuvwxyz\r\n") << qsizetype(13) << L{200}
                                   << false;
    QTest::newRow("3 pipelined") << get("/1") + post("/2", "x") + get("/3") << qsizetype(0) << L{200, 200, 200}
                                 << false;
    QTest::newRow("chunked") << chunked << qsizetype(0) << L{200} << false;
    QTest::newRow("chunked 3-byte writes") << chunked << qsizetype(3) << L{200} << false;
    QTest::newRow("HTTP/1.0 closes") << "GET / HTTP/1.0\r\n\r\n"_ba << qsizetype(0) << L{200} << true;
    QTest::newRow("HTTP/1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba << qsizetype(0)
                                         << L{200} << false;
    QTest::newRow("Connection: close") << get("/", "Connection: close\r\n") << qsizetype(0) << L{200} << true;
    QTest::newRow("nothing after close") << get("/1", "Connection: close\r\n") + get("/2") << qsizetype(0) << L{200}
                                         << true;
    QTest::newRow("CL over limit") << "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1025\r\n\r\n"_ba << qsizetype(0)
                                   << L{413} << true;
    QTest::newRow("chunked over limit") << overChunked << qsizetype(0) << L{413} << true;
    QTest::newRow("header too large") << get("/", "X-Big: " + QByteArray(3000, 'b') + "\r\n") << qsizetype(0) << L{431}
                                      << true;
    QTest::newRow("too many headers") << manyHeaders << qsizetype(0) << L{431} << true;
    QTest::newRow("URL too long") << get("/" + QByteArray(600, 'u')) << qsizetype(0) << L{414} << true;
    QTest::newRow("TE + CL") << "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
                                "0\r\n\r\n"_ba
                             << qsizetype(0) << L{400} << true;
    QTest::newRow("double CL") << "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"_ba
                               << qsizetype(0) << L{400} << true;
    QTest::newRow("TE space colon") << "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"_ba
                                    << qsizetype(0) << L{400} << true;
    QTest::newRow("TE gzip") << "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"_ba << qsizetype(0)
                             << L{501} << true;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n\r\n"_ba << qsizetype(0) << L{505} << true;
    QTest::newRow("garbage") << "\x00\x01\x02\xfe\xffgarbage\r\n\r\n"_ba << qsizetype(0) << L{400} << true;
    QTest::newRow("TLS ClientHello")
        << QByteArray::fromHex(
               "160301020001000200303036a5b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9f"
               "20e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f0020130213031301c02cc030")
        << qsizetype(0) << L{400} << true;
    QTest::newRow("good then garbage") << get("/ok") + "NOT HTTP\r\n\r\n"_ba << qsizetype(0) << L{200, 400} << true;
}

void TestHttpServer::exchanges()
{
    QFETCH(QByteArray, request);
    QFETCH(qsizetype, piece);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, closed);
    startServer();

    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(piece > 0 ? client.sendInPieces(request, piece) : client.send(request));
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        const auto response = client.readResponse();
        QVERIFY2(response, qPrintable(u"response %1 missing"_s.arg(i)));
        QCOMPARE(response->status, statuses.at(i));
        QCOMPARE(response->header("content-length").toLongLong(), response->body.size());
        if (response->status != 200) // errors are JSON too
            QVERIFY(!jsonBody(*response).value(u"error"_s).toString().isEmpty());
        if (closed && i == statuses.size() - 1)
            QCOMPARE(response->header("connection"), "close"_ba);
    }
    if (closed) {
        QVERIFY(client.waitForClosed());
    } else {
        // Still usable: one more exchange on the same connection.
        QVERIFY(client.send(get("/again")));
        const auto again = client.readResponse();
        QVERIFY(again);
        QCOMPARE(again->status, 200);
        QCOMPARE(jsonBody(*again).value(u"path"_s).toString(), u"/again"_s);
        QVERIFY(!client.isClosed());
    }
    QVERIFY(client.pending().isEmpty()); // nothing beyond the expected responses
}

void TestHttpServer::echoesRequestParts()
{
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send("POST /v1/track?x=1&y=%20 HTTP/1.1\r\nHost: test\r\nX-Write-Key: k\r\n"
                        "Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"a\":\"b\"}"_ba));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("content-type"), "application/json"_ba);
    QVERIFY(!response->header("date").isEmpty());
    QVERIFY(response->header("connection").isNull()); // HTTP/1.1 keep-alive is implicit
    const QJsonObject echo = jsonBody(*response);
    QCOMPARE(echo.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(echo.value(u"path"_s).toString(), u"/v1/track"_s);
    QCOMPARE(echo.value(u"query"_s).toString(), u"x=1&y=%20"_s);
    QCOMPARE(echo.value(u"body"_s).toString(), u"{\"a\":\"b\"}"_s);
    QCOMPARE(echo.value(u"headers"_s).toObject().value(u"x-write-key"_s).toString(), u"k"_s);
    QVERIFY(echo.value(u"remote"_s).toString().startsWith(u"127.0.0.1:"_s));
    QVERIFY(echo.value(u"keepAlive"_s).toBool());

    // HTTP/1.0 keep-alive is acknowledged explicitly.
    QVERIFY(client.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba));
    const auto old = client.readResponse();
    QVERIFY(old);
    QCOMPARE(old->header("connection"), "keep-alive"_ba);
}

void TestHttpServer::percentDecodedPath()
{
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/integrations/receive/tok%20en%2Fx/%C3%A9?a=%41")));
    const auto response = client.readResponse();
    QVERIFY(response);
    const QJsonObject echo = jsonBody(*response);
    QCOMPARE(echo.value(u"path"_s).toString(), u"/integrations/receive/tok en/x/\u00e9"_s);
    QCOMPARE(echo.value(u"query"_s).toString(), u"a=%41"_s);
    QCOMPARE(echo.value(u"target"_s).toString(), u"/integrations/receive/tok%20en%2Fx/%C3%A9?a=%41"_s);
}

void TestHttpServer::headHasNoBody()
{
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    // A body after the HEAD response would be read as the second response.
    QVERIFY(client.send("HEAD /h HTTP/1.1\r\nHost: t\r\n\r\n"_ba + get("/after")));
    const auto head = client.readResponse(true);
    QVERIFY(head);
    QCOMPARE(head->status, 200);
    QVERIFY(head->header("content-length").toInt() > 0);
    QVERIFY(head->body.isEmpty());
    const auto after = client.readResponse();
    QVERIFY(after);
    QCOMPARE(jsonBody(*after).value(u"path"_s).toString(), u"/after"_s);
}

void TestHttpServer::largeBody()
{
    HttpServerLimits limits = smallLimits();
    limits.maxBodyBytes = 4 * 1024 * 1024;
    startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    const QByteArray body(3 * 1024 * 1024, 'q');
    QVERIFY(client.send(post("/big", body), 20000));
    const auto response = client.readResponse(false, 20000);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(jsonBody(*response).value(u"bodySize"_s).toInteger(), body.size());
}

void TestHttpServer::pipelinedAnsweredInReverseFromWorker()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/1") + post("/2", "two") + get("/3")));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 3, 5000);
    QCOMPARE(m_server->inFlight(), 3);

    QList<TestRequestHandler::Held> held = std::move(m_handler->held);
    QVERIFY(runOnWorker([&held] {
        for (qsizetype i = held.size() - 1; i >= 0; --i)
            held[i].respond(TestRequestHandler::echo(held.at(i).request));
    }));
    for (const QString &path : {u"/1"_s, u"/2"_s, u"/3"_s}) {
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(jsonBody(*response).value(u"path"_s).toString(), path);
    }
    QTRY_COMPARE(m_server->inFlight(), 0);
}

void TestHttpServer::outOfOrderOnServerThread()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/a") + get("/b")));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 2, 5000);
    m_handler->held[1].respond(TestRequestHandler::echo(m_handler->held.at(1).request));
    // Nothing may be written while the first response is missing.
    QCoreApplication::processEvents();
    QVERIFY(client.pending().isEmpty());
    m_handler->held[0].respond(TestRequestHandler::echo(m_handler->held.at(0).request));
    const auto first = client.readResponse();
    const auto second = client.readResponse();
    QVERIFY(first && second);
    QCOMPARE(jsonBody(*first).value(u"path"_s).toString(), u"/a"_s);
    QCOMPARE(jsonBody(*second).value(u"path"_s).toString(), u"/b"_s);
}

void TestHttpServer::pipelineLimitPausesReading()
{
    HttpServerLimits limits = smallLimits();
    limits.maxPipelinedRequests = 2;
    startServer(limits);
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/1") + get("/2") + get("/3") + get("/4")));
    // All four arrive in one read; only two may be handed out.
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 2, 5000);
    QCoreApplication::processEvents();
    QCOMPARE(m_handler->held.size(), 2);

    m_handler->held[0].respond(TestRequestHandler::echo(m_handler->held.at(0).request));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 3, 5000);
    QCOMPARE(m_handler->held.at(2).request.path, "/3"_ba);
    m_handler->mode = TestRequestHandler::Mode::Echo;
    for (qsizetype i = 1; i < m_handler->held.size(); ++i)
        m_handler->held[i].respond(TestRequestHandler::echo(m_handler->held.at(i).request));
    for (const QString &path : {u"/1"_s, u"/2"_s, u"/3"_s, u"/4"_s}) {
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(jsonBody(*response).value(u"path"_s).toString(), path);
    }
}

void TestHttpServer::readTimeout()
{
    HttpServerLimits limits = smallLimits();
    limits.readTimeoutMs = 150;
    startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"_ba));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 408);
    QCOMPARE(response->header("connection"), "close"_ba);
    QVERIFY(client.waitForClosed());
    QCOMPARE(m_handler->handled, 0);
}

void TestHttpServer::idleTimeoutClosesKeepAlive()
{
    HttpServerLimits limits = smallLimits();
    limits.idleTimeoutMs = 150;
    startServer(limits);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/")));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QVERIFY(!client.isClosed());
    QVERIFY(client.waitForClosed(5000));
    QVERIFY(client.pending().isEmpty()); // closed silently, no 408 for an idle connection
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::expectContinue()
{
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send("POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"_ba));
    const auto interim = client.readResponse();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QVERIFY(client.send("hello"_ba));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(jsonBody(*response).value(u"body"_s).toString(), u"hello"_s);

    // After an earlier pipelined response that is still pending, the 100
    // must wait for it.
    m_handler->mode = TestRequestHandler::Mode::Hold;
    QVERIFY(client.send(get("/first") +
                        "POST /e HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"_ba));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 1, 5000);
    QCoreApplication::processEvents();
    QVERIFY(client.pending().isEmpty());
    m_handler->mode = TestRequestHandler::Mode::Echo;
    m_handler->held[0].respond(TestRequestHandler::echo(m_handler->held.at(0).request));
    const auto first = client.readResponse();
    QVERIFY(first);
    QCOMPARE(jsonBody(*first).value(u"path"_s).toString(), u"/first"_s);
    const auto interim2 = client.readResponse();
    QVERIFY(interim2);
    QCOMPARE(interim2->status, 100);
    QVERIFY(client.send("ok"_ba));
    const auto last = client.readResponse();
    QVERIFY(last);
    QCOMPARE(jsonBody(*last).value(u"body"_s).toString(), u"ok"_s);
}

void TestHttpServer::expectContinueOverLimit()
{
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n"_ba));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413); // no 100 first
    QVERIFY(client.waitForClosed());
}

void TestHttpServer::bodyOverLimitNotRead()
{
    // The 413 comes from the headers alone: the client never sends the body.
    startServer();
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100000000\r\n\r\n"_ba));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QCOMPARE(jsonBody(*response).value(u"error"_s).toString(), u"payload_too_large"_s);
    QVERIFY(client.waitForClosed());
    QCOMPARE(m_handler->handled, 0);
}

void TestHttpServer::connectionCap()
{
    HttpServerLimits limits = smallLimits();
    limits.maxConnections = 2;
    startServer(limits);
    RawHttpClient a;
    RawHttpClient b;
    for (RawHttpClient *client : {&a, &b}) {
        QVERIFY(client->connectTo(m_server->serverPort()));
        QVERIFY(client->send(get("/")));
        QVERIFY(client->readResponse());
    }
    QCOMPARE(m_server->connectionCount(), 2);

    RawHttpClient extra;
    QVERIFY(extra.connectTo(m_server->serverPort()));
    const auto refused = extra.readResponse();
    QVERIFY(refused);
    QCOMPARE(refused->status, 503);
    QVERIFY(extra.waitForClosed());
    QCOMPARE(m_server->connectionCount(), 2);

    // The admitted ones are unaffected, and a freed place can be taken.
    QVERIFY(a.send(get("/still")));
    QVERIFY(a.readResponse());
    b.disconnect();
    QTRY_COMPARE(m_server->connectionCount(), 1);
    RawHttpClient late;
    QVERIFY(late.connectTo(m_server->serverPort()));
    QVERIFY(late.send(get("/late")));
    const auto response = late.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void TestHttpServer::clientDisconnectsBeforeResponse()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->serverPort()));
        QVERIFY(client.send(get("/gone") + get("/gone2")));
        QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 2, 5000);
    }
    QTRY_COMPARE(m_server->connectionCount(), 0);
    // Answers for a connection that no longer exists go nowhere, from the
    // server's thread and from another.
    m_handler->held[0].respond(TestRequestHandler::echo(m_handler->held.at(0).request));
    HttpResponder second = m_handler->held[1].respond;
    QVERIFY(runOnWorker([second] { second(HttpResponse::json(200, "{}"_ba)); }));
    QTRY_COMPARE(m_server->inFlight(), 0);
    m_handler->held.clear();

    m_handler->mode = TestRequestHandler::Mode::Echo;
    RawHttpClient next;
    QVERIFY(next.connectTo(m_server->serverPort()));
    QVERIFY(next.send(get("/next")));
    const auto response = next.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void TestHttpServer::clientDisconnectsMidRequest()
{
    startServer();
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->serverPort()));
        QVERIFY(client.send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\npartial"_ba));
        QTRY_COMPARE(m_server->connectionCount(), 1);
    }
    QTRY_COMPARE(m_server->connectionCount(), 0);
    QCOMPARE(m_handler->handled, 0);
    RawHttpClient next;
    QVERIFY(next.connectTo(m_server->serverPort()));
    QVERIFY(next.send(get("/")));
    QVERIFY(next.readResponse());
}

void TestHttpServer::paused()
{
    startServer();
    m_server->setPaused(true);
    QVERIFY(m_server->isPaused());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(post("/x", "{}")));
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 503);
    QCOMPARE(response->body, R"({"error":"paused"})"_ba);
    QCOMPARE(m_handler->handled, 0);

    m_server->setPaused(false);
    QVERIFY(client.send(get("/y")));
    const auto resumed = client.readResponse();
    QVERIFY(resumed);
    QCOMPARE(resumed->status, 200);
    QCOMPARE(m_handler->handled, 1);
}

void TestHttpServer::droppedResponderAnswers500()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Drop;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/dropped") + get("/dropped2")));
    for (int i = 0; i < 2; ++i) {
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 500);
    }
    QCOMPARE(m_server->inFlight(), 0);
}

void TestHttpServer::respondTwiceIgnored()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/once") + get("/two")));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 2, 5000);
    HttpResponder first = m_handler->held[0].respond;
    first(HttpResponse::json(201, "{}"_ba));
    first(HttpResponse::json(202, "{}"_ba)); // ignored: must not answer /two
    m_handler->held[1].respond(HttpResponse::json(204, QByteArray()));
    const auto a = client.readResponse();
    const auto b = client.readResponse();
    QVERIFY(a && b);
    QCOMPARE(a->status, 201);
    QCOMPARE(b->status, 204);
    QVERIFY(b->header("content-length").isNull()); // 204 carries no length
}

void TestHttpServer::inFlightAndIdle()
{
    startServer();
    QSignalSpy idle(m_server.get(), &HttpServer::idle);
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/a") + get("/b")));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->inFlight(), 2, 5000);
    HttpResponder a = m_handler->held[0].respond;
    HttpResponder b = m_handler->held[1].respond;
    QVERIFY(runOnWorker([a] { a(HttpResponse::json(200, "{}"_ba)); }));
    QCOMPARE(m_server->inFlight(), 1);
    QVERIFY(runOnWorker([b] { b(HttpResponse::json(200, "{}"_ba)); }));
    QCOMPARE(m_server->inFlight(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!idle.isEmpty(), 5000); // queued: may already have come while waiting above
    QVERIFY(client.readResponse() && client.readResponse());
}

void TestHttpServer::closeDrainsInFlight()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient busy;
    RawHttpClient idleClient;
    QVERIFY(busy.connectTo(m_server->serverPort()));
    QVERIFY(idleClient.connectTo(m_server->serverPort()));
    QVERIFY(busy.send(get("/inflight")));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 1, 5000);
    QTRY_COMPARE(m_server->connectionCount(), 2);
    const quint16 port = m_server->serverPort();

    m_server->close();
    QVERIFY(idleClient.waitForClosed()); // nothing in flight: closed at once
    RawHttpClient refused;
    refused.socket().connectToHost(QHostAddress::LocalHost, port);
    QTRY_VERIFY(refused.isClosed());

    m_handler->held[0].respond(HttpResponse::json(200, R"({"done":true})"_ba));
    const auto response = busy.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("connection"), "close"_ba);
    QVERIFY(busy.waitForClosed());
    QTRY_COMPARE(m_server->connectionCount(), 0);
}

void TestHttpServer::listenFailureReported()
{
    startServer();
    HttpServer second(m_handler.get());
    QVERIFY(!second.listen(QHostAddress::LocalHost, m_server->serverPort()));
    QVERIFY(!second.errorString().isEmpty());
}

void TestHttpServer::responderOutlivesServer()
{
    startServer();
    m_handler->mode = TestRequestHandler::Mode::Hold;
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QVERIFY(client.send(get("/held")));
    QTRY_COMPARE_WITH_TIMEOUT(m_handler->held.size(), 1, 5000);
    HttpResponder responder = std::move(m_handler->held[0].respond);
    m_handler->held.clear();
    m_server.reset();
    QVERIFY(client.waitForClosed());
    // The application may still answer (or drop) after the server is gone.
    QVERIFY(runOnWorker([responder] { responder(HttpResponse::json(200, "{}"_ba)); }));
    QCoreApplication::processEvents();
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "test_http_server.moc"
