#pragma once

#include <QObject>

class QNetworkAccessManager;

namespace inlet {

class Workspace;

// `inlet --demo`: a "demo" environment with two sources and their mappings,
// then realistic traffic sent as real HTTP requests to the embedded engine's
// own ingest URLs, so every view has something to show (processed, failed,
// unmapped, idempotent and rejected events included).
class DemoSeeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSeeder)
public:
    explicit DemoSeeder(Workspace *workspace, QObject *parent = nullptr);

    static QString environment() { return QStringLiteral("demo"); }
    bool configure(QString *error);
    void sendTraffic(); // asynchronous; emits finished() when every answer came back
    int requestCount() const { return m_total; }

Q_SIGNALS:
    void finished(int sent, int failed);

private:
    void post(const QString &url, const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers);

    Workspace *m_workspace;
    QNetworkAccessManager *m_network;
    int m_total = 0;
    int m_done = 0;
    int m_failed = 0;
};

} // namespace inlet
