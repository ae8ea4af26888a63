#include "mapping/JsonRender.h"

#include "util/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString JsonRender::number(double value)
{
    if (!std::isfinite(value))
        return u"null"_s; // JSON has no NaN/infinity; QJsonDocument writes null too
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString JsonRender::compact(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        // toInteger() succeeds (ignores its default) only for integral values
        // in range, and keeps 64-bit integers exact where toDouble() would not.
        const qint64 integer = value.toInteger(0);
        if (integer == value.toInteger(1))
            return QString::number(integer);
        return number(value.toDouble());
    }
    case QJsonValue::String:
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(JsonWriter::write(value));
    }
    Q_UNREACHABLE();
}

void JsonRender::appendForTemplate(QString &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        out += value.toString();
        return;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return;
    default:
        out += compact(value);
        return;
    }
}

QString JsonRender::forTemplate(const QJsonValue &value)
{
    QString out;
    appendForTemplate(out, value);
    return out;
}

} // namespace inlet
