#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace inlet {

// The `--listen` host: what the server binds to, and whether that exposes it
// beyond this machine. Only IP literals and "localhost" are accepted: a host
// name would need a blocking lookup, and QHostAddress reads anything it
// cannot parse (such as "localhost") as the null address, which QTcpServer
// binds to every interface, the opposite of what "localhost" asks for.
class ListenAddress final
{
public:
    // The address to bind, or nullopt (with the reason in `error`).
    static std::optional<QHostAddress> parse(const QString &host, QString *error = nullptr);
    // True when `host` binds to a loopback address only.
    static bool isLoopbackOnly(const QString &host);
    // One line for standard error when `host` is reachable from other
    // machines (naming what a caller there can reach); empty otherwise.
    static QString exposureWarning(const QString &program, const QString &host);
};

} // namespace inlet
