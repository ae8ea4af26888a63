#include "ingest/ListenAddress.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

std::optional<QHostAddress> ListenAddress::parse(const QString &host, QString *error)
{
    QString h = host.trimmed();
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return QHostAddress(QHostAddress::LocalHost);
    const QHostAddress address(h);
    if (address.isNull()) {
        if (error)
            *error = u"'%1' is not an IP address (use 127.0.0.1, ::1, localhost, or 0.0.0.0 for every interface)"_s.arg(
                host);
        return std::nullopt;
    }
    return address;
}

bool ListenAddress::isLoopbackOnly(const QString &host)
{
    const auto address = parse(host);
    return address && address->isLoopback();
}

QString ListenAddress::exposureWarning(const QString &program, const QString &host)
{
    if (isLoopbackOnly(host) || !parse(host))
        return {};
    return u"%1: warning: listening on %2 exposes every source's ingest URL (/integrations/receive/...), the "
           "Segment-compatible /v1/ tracking routes, the Knock-compatible /v1/ REST routes and /healthz to other "
           "machines, over plain HTTP; put a TLS reverse proxy or tunnel in front (see SECURITY.md)"_s.arg(program,
                                                                                                           host);
}

} // namespace inlet
