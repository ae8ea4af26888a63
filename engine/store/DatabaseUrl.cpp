#include "store/DatabaseUrl.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

DatabaseUrl DatabaseUrl::parse(const QString &url)
{
    DatabaseUrl d;
    if (url.startsWith(u"sqlite:"_s)) {
        d.path = url.mid(7);
        if (d.path.startsWith(u"//"_s))
            d.path = d.path.mid(2);
        if (d.path.isEmpty()) {
            d.error = u"sqlite: URL has no file path (expected sqlite:PATH)"_s;
            return d;
        }
        d.kind = Kind::Sqlite;
        return d;
    }
    if (url.startsWith(u"postgresql://"_s) || url.startsWith(u"postgres://"_s)) {
        const QUrl u(url);
        if (!u.isValid() || u.host().isEmpty()) {
            d.error = u"invalid PostgreSQL URL (expected postgresql://user:pass@host:port/db)"_s;
            return d;
        }
        d.kind = Kind::Postgres;
        d.host = u.host();
        d.port = u.port(5432);
        d.user = u.userName();
        d.password = u.password();
        d.database = u.path().mid(1);
        d.schema = QUrlQuery(u).queryItemValue(u"schema"_s);
        static const QRegularExpression identifier(u"^[a-z_][a-z0-9_]{0,62}$"_s);
        if (!d.schema.isEmpty() && !identifier.match(d.schema).hasMatch()) {
            d.kind = Kind::Invalid;
            d.error = u"invalid schema name '%1' (lower-case letters, digits and _)"_s.arg(d.schema);
        }
        return d;
    }
    d.error = u"unsupported database URL '%1' (expected sqlite:PATH or postgresql://...)"_s.arg(url);
    return d;
}

QString DatabaseUrl::display() const
{
    switch (kind) {
    case Kind::Sqlite:
        return u"sqlite:"_s + path;
    case Kind::Postgres:
        return u"postgresql://%1@%2:%3/%4"_s.arg(user, host).arg(port).arg(database) +
               (schema.isEmpty() ? QString() : u"?schema="_s + schema);
    case Kind::Invalid:
        break;
    }
    return u"(invalid)"_s;
}

} // namespace inlet
