#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

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

// A running `inletd serve --listen 127.0.0.1:0`.
class CliServer final
{
public:
    CliServer() = default;
    ~CliServer();
    CliServer(const CliServer &) = delete;
    CliServer &operator=(const CliServer &) = delete;

    // Starts it and reads its "listening on http://HOST:PORT" line; returns
    // false (with what it printed in `error`) when no such line came.
    bool start(const QString &dataDir, const QStringList &extraArgs, QString *error, int timeoutMs = 30000);
    const QString &listeningLine() const { return m_line; }
    const QString &baseUrl() const { return m_baseUrl; }

    // Sends `signal` (SIGTERM, SIGINT) and waits up to `timeoutMs` for it to exit.
    CliResult stop(int signal, int timeoutMs);

private:
    std::unique_ptr<QProcess> m_process;
    QByteArray m_out;
    QString m_line;
    QString m_baseUrl;
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
