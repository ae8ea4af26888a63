#include "models/log/CurlCommand.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet::curlcommand {

QString shellQuote(const QString &text)
{
    QString out = text;
    out.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + out + u"'"_s;
}

QString build(const EventRecord &event, const QString &baseUrl)
{
    QString url = baseUrl + (event.path.isEmpty() ? u"/"_s : event.path);
    if (!event.query.isEmpty()) {
        QUrlQuery q;
        for (auto it = event.query.begin(); it != event.query.end(); ++it)
            q.addQueryItem(it.key(), it.value().toString());
        url += u"?"_s + q.toString(QUrl::FullyEncoded);
    }
    QStringList parts{u"curl"_s, u"-X"_s, event.method.isEmpty() ? u"POST"_s : event.method, shellQuote(url)};
    static const QStringList skipped = {u"host"_s,
                                        u"content-length"_s,
                                        u"connection"_s,
                                        u"accept-encoding"_s,
                                        u"content-encoding"_s,
                                        u"transfer-encoding"_s};
    for (auto it = event.headers.begin(); it != event.headers.end(); ++it) {
        if (skipped.contains(it.key()))
            continue;
        parts << u"-H"_s << shellQuote(it.key() + u": "_s + it.value().toString());
    }
    if (!event.body.isEmpty())
        parts << u"--data-binary"_s << shellQuote(QString::fromUtf8(event.body));
    return parts.join(u' ');
}

} // namespace inlet::curlcommand
