#include "support/CliRunner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUrl>

#include <csignal>
#include <sys/types.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet::clitest {
namespace {

// Waits for the process to end; kills it when it does not in time.
void finish(QProcess &process, int timeoutMs, CliResult &result)
{
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.finished = false;
    } else {
        result.finished = process.exitStatus() == QProcess::NormalExit;
    }
    result.exitCode = process.exitCode();
    result.out += process.readAllStandardOutput();
    result.err += process.readAllStandardError();
}

} // namespace

QList<QJsonObject> CliResult::jsonLines(bool *ok) const
{
    QList<QJsonObject> list;
    if (ok)
        *ok = true;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            if (ok)
                *ok = false;
            break;
        }
        list.append(doc.object());
    }
    return list;
}

QString CliResult::describe() const
{
    return u"%1 exit %2; stdout: %3; stderr: %4"_s.arg(finished ? u"finished"_s : u"did NOT finish"_s)
        .arg(exitCode)
        .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
}

CliRunner::CliRunner(QString dataDir)
    : m_dataDir(std::move(dataDir))
{}

QString CliRunner::program()
{
    return QStringLiteral(INLETD_PATH);
}

CliResult CliRunner::run(const QStringList &args, int timeoutMs) const
{
    QProcess process;
    QStringList all;
    if (!m_dataDir.isEmpty())
        all << u"--data-dir"_s << m_dataDir;
    all << args;
    process.start(program(), all);
    CliResult result;
    if (!process.waitForStarted(timeoutMs)) {
        result.err = "cannot start " + program().toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    process.closeWriteChannel();
    finish(process, timeoutMs, result);
    return result;
}

CliServer::~CliServer()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

bool CliServer::start(const QString &dataDir, const QStringList &extraArgs, QString *error, int timeoutMs)
{
    m_process = std::make_unique<QProcess>();
    if (m_modifier)
        m_process->setChildProcessModifier(m_modifier);
    m_process->start(CliRunner::program(),
                     QStringList{u"--data-dir"_s, dataDir, u"serve"_s, u"--listen"_s, m_host + u":0"_s} + extraArgs);
    if (!m_process->waitForStarted(timeoutMs)) {
        *error = u"cannot start inletd: "_s + m_process->errorString();
        return false;
    }
    const QDeadlineTimer deadline(timeoutMs);
    while (!m_out.contains('\n') && !deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        m_out += m_process->readAllStandardOutput();
    }
    m_out += m_process->readAllStandardOutput();
    const qsizetype nl = m_out.indexOf('\n');
    m_line = QString::fromUtf8(nl < 0 ? m_out : m_out.left(nl));
    const QRegularExpression re(u"^listening on (http://"_s + QRegularExpression::escape(m_host) +
                                u":([1-9][0-9]*))$"_s);
    const auto m = re.match(m_line);
    if (!m.hasMatch()) {
        *error = u"no listening line; stdout: %1; stderr: %2"_s.arg(
            QString::fromUtf8(m_out), QString::fromUtf8(m_process->readAllStandardError()));
        return false;
    }
    m_baseUrl = m.captured(1);
    m_port = quint16(m.captured(2).toUInt());
    return true;
}

CliResult CliServer::stop(int signal, int timeoutMs)
{
    CliResult result;
    if (!m_process)
        return result;
    result.out = m_out;
    if (m_process->state() == QProcess::Running)
        ::kill(pid_t(m_process->processId()), signal);
    finish(*m_process, timeoutMs, result);
    return result;
}

QJsonObject CliHttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

CliHttpReply httpRequest(const QByteArray &method, const QString &url, const QByteArray &body,
                         const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request{QUrl(url)};
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, method, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    CliHttpReply out;
    if (!reply->isFinished() && !finished.wait(timeoutMs)) {
        reply->abort();
        out.error = u"no answer within %1 ms"_s.arg(timeoutMs);
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    if (out.status == 0)
        out.error = reply->errorString();
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace inlet::clitest
