#include "EngineFixture.h"

#include "common/TestBackend.h"
#include "config/ConfigRepository.h"
#include "config/TemplateRegistry.h"
#include "store/Database.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace inlet::test {

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

EngineFixture::EngineFixture()
    : m_url(TestBackend::freshUrl(m_dir.path()))
    , m_connection(Database::uniqueConnectionName(u"fixture"_s))
{
    QString error;
    m_db = Database::open(databaseUrl(), m_connection, &error);
    if (m_db.isValid()) {
        Database::migrate(m_db, &error);
        ConfigRepository(m_db).ensureDefaults(&error);
    }
}

EngineFixture::EngineFixture(const EngineFixture &first)
    : m_url(first.m_url)
    , m_ownsDatabase(false)
    , m_connection(Database::uniqueConnectionName(u"fixture"_s))
{
    QString error;
    m_db = Database::open(databaseUrl(), m_connection, &error);
}

EngineFixture::~EngineFixture()
{
    stop();
    m_db = QSqlDatabase();
    Database::close(m_connection);
    if (m_ownsDatabase)
        TestBackend::drop(m_url);
}

QString EngineFixture::dbPath() const
{
    return m_dir.filePath(u"inlet.sqlite"_s);
}

DatabaseUrl EngineFixture::databaseUrl() const
{
    return m_url;
}

bool EngineFixture::importConfig(const QByteArray &json, QString *error)
{
    ConfigRepository repo(m_db);
    ConfigErrors errors;
    const auto config = Configuration::parse(json, TemplateRegistry::instance(), repo.environmentKeys(), errors);
    QString err = errors.joined();
    const bool ok = config && repo.apply(*config, &err);
    if (!ok)
        qWarning("config import failed: %s", qPrintable(err));
    if (error)
        *error = err;
    if (ok && m_engine)
        m_engine->reloadConfiguration(&err);
    return ok;
}

bool EngineFixture::start(EngineOptions options)
{
    options.database = databaseUrl();
    options.port = 0;
    m_engine = std::make_unique<Engine>(options);
    QString error;
    if (!m_engine->start(&error)) {
        qWarning("engine start failed: %s", qPrintable(error));
        return false;
    }
    return true;
}

void EngineFixture::stop()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
}

namespace {

QByteArray encodeRequest(const QByteArray &method, const QString &path, const QByteArray &body,
                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QByteArray req = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    bool hasType = false;
    for (const auto &[k, v] : headers) {
        req += k + ": " + v + "\r\n";
        hasType |= k.compare("content-type", Qt::CaseInsensitive) == 0;
    }
    if (!hasType && !body.isEmpty())
        req += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        req += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    req += "\r\n" + body;
    return req;
}

HttpResult decodeResponse(const QByteArray &response)
{
    HttpResult result;
    const qsizetype split = response.indexOf("\r\n\r\n");
    if (split < 0)
        return result;
    const QList<QByteArray> lines = response.left(split).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    result.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            result.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    result.body = response.mid(split + 4);
    return result;
}

QByteArray readUntilClosed(QTcpSocket &socket, const QDeadlineTimer &deadline)
{
    QByteArray response;
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            response += socket.readAll();
    }
    return response + socket.readAll();
}

} // namespace

QList<HttpResult> EngineFixture::postConcurrently(const QString &path, const QByteArray &body,
                                                  const QList<QPair<QByteArray, QByteArray>> &headers, int count)
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < count; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(u"127.0.0.1"_s, m_engine->port());
        s->waitForConnected(5000);
        sockets.push_back(std::move(s));
    }
    const QByteArray req = encodeRequest("POST", path, body, headers);
    for (auto &s : sockets) {
        s->write(req);
        s->flush();
    }
    QList<HttpResult> results;
    const QDeadlineTimer deadline(30000);
    for (auto &s : sockets)
        results.append(decodeResponse(readUntilClosed(*s, deadline)));
    return results;
}

HttpResult EngineFixture::request(const QByteArray &method, const QString &path, const QByteArray &body,
                                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    // A plain HTTP/1.1 exchange over a real socket, one request per connection.
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, m_engine->port());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(encodeRequest(method, path, body, headers));
    return decodeResponse(readUntilClosed(socket, QDeadlineTimer(15000)));
}

HttpResult EngineFixture::post(const QString &path, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("POST", path, body, headers);
}

std::optional<EventRecord> EngineFixture::waitProcessed(const QString &id, int timeoutMs)
{
    // Wakes on every processed event, and re-checks at least every 50 ms.
    QSignalSpy processed(m_engine.get(), &Engine::eventProcessed);
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const auto e = log().event(id);
        if (e && e->status != u"accepted"_s)
            return e;
        processed.wait(50);
    }
    return log().event(id);
}

qint64 EngineFixture::count(const QString &sql)
{
    // Tests read JSON columns with SQLite's json_extract(col, '$.a.b'); on
    // PostgreSQL the same question is (col::jsonb #>> '{a,b}').
    QString text = sql;
    if (TestBackend::postgres()) {
        static const QRegularExpression extract(u"json_extract\\((\\w+), '\\$\\.([\\w.]+)'\\)"_s);
        QRegularExpressionMatch m;
        while ((m = extract.match(text)).hasMatch()) {
            const QString path = m.captured(2).split(u'.').join(u',');
            text.replace(m.capturedStart(), m.capturedLength(), u"(%1::jsonb #>> '{%2}')"_s.arg(m.captured(1), path));
        }
    }
    QSqlQuery q(m_db);
    if (!q.exec(text) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace inlet::test
