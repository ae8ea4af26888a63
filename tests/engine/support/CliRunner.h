#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <sys/types.h>

namespace inlet::clitest {

// What one run of `inletd` left behind: exit code and both output streams.
struct CliResult
{
    bool finished = false; // false: it crashed or did not finish in time
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
    // stdout as one JSON object per non-empty line; `ok` is false (and the
    // list short) when a line is not a JSON object.
    QList<QJsonObject> jsonLines(bool *ok = nullptr) const;
    // "exit 1; stderr: ..." for failure messages.
    QString describe() const;
};

// Runs the built inletd binary (INLETD_PATH) with `--data-dir DIR`.
class CliRunner final
{
public:
    explicit CliRunner(QString dataDir = {});

    // Runs `inletd --data-dir DIR args...` (no --data-dir when DIR is empty).
    CliResult run(const QStringList &args, int timeoutMs = 60000) const;
    const QString &dataDir() const { return m_dataDir; }

    static QString program();

private:
    QString m_dataDir;
};

// A running `inletd serve --listen 127.0.0.1:0` (or another host's port 0);
// killed when destroyed.
class CliServer final
{
public:
    CliServer() = default;
    ~CliServer();
    CliServer(const CliServer &) = delete;
    CliServer &operator=(const CliServer &) = delete;

    // Before start(): the host to listen on (default 127.0.0.1), and code
    // the child runs before exec (signal dispositions survive exec).
    void setListenHost(const QString &host) { m_host = host; }
    void setChildProcessModifier(std::function<void()> modifier) { m_modifier = std::move(modifier); }

    // Starts it and reads its "listening on http://HOST:PORT" line; returns
    // false (with what it printed in `error`) when no such line came.
    bool start(const QString &dataDir, const QStringList &extraArgs, QString *error, int timeoutMs = 30000);
    const QString &listeningLine() const { return m_line; }
    const QString &baseUrl() const { return m_baseUrl; }
    quint16 port() const { return m_port; }
    pid_t pid() const { return m_process ? pid_t(m_process->processId()) : 0; }
    // For tests that signal it, or wait for it, themselves.
    QProcess &process() { return *m_process; }

    // Sends `signal` (SIGTERM, SIGINT) and waits up to `timeoutMs` for it to exit.
    CliResult stop(int signal, int timeoutMs);

private:
    QString m_host = QStringLiteral("127.0.0.1");
    std::function<void()> m_modifier;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
    QString m_line;
    QString m_baseUrl;
    quint16 m_port = 0;
};

// A small HTTP client for the ingestion routes (no proxy, bounded waits).
struct CliHttpReply
{
    int status = 0; // 0: no answer
    QByteArray body;
    QString error;
    QJsonObject json() const;
};

CliHttpReply httpRequest(const QByteArray &method, const QString &url, const QByteArray &body = {},
                         const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000);

// Writes `data` to `path`; false when it cannot.
bool writeFile(const QString &path, const QByteArray &data);

} // namespace inlet::clitest
