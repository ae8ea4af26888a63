#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace inlet {

// The store keeps JSON documents (properties, run data, recipients) in TEXT
// columns, compact. Reading is forgiving: a damaged or foreign value reads as
// empty rather than failing a whole listing.
class JsonText final
{
public:
    static QString fromObject(const QJsonObject &object);
    static QString fromArray(const QJsonArray &array);
    // Any JSON value, including a bare string ("\"u1\"") or null ("null").
    static QString fromValue(const QJsonValue &value);

    static QJsonObject toObject(const QString &text);
    static QJsonArray toArray(const QString &text);
    // Null text (SQL NULL) and unparsable text read as JSON null.
    static QJsonValue toValue(const QString &text);
};

} // namespace inlet
