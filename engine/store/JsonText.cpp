#include "store/JsonText.h"

#include "util/JsonWriter.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString JsonText::fromObject(const QJsonObject &object)
{
    return QString::fromUtf8(JsonWriter::write(object));
}

QString JsonText::fromArray(const QJsonArray &array)
{
    return QString::fromUtf8(JsonWriter::write(array));
}

QString JsonText::fromValue(const QJsonValue &value)
{
    return QString::fromUtf8(JsonWriter::write(value));
}

QJsonObject JsonText::toObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QJsonArray JsonText::toArray(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array();
}

QJsonValue JsonText::toValue(const QString &text)
{
    if (text.isNull())
        return QJsonValue(QJsonValue::Null);
    const QJsonArray wrapped = toArray(u"["_s + text + u"]"_s);
    return wrapped.size() == 1 ? wrapped.at(0) : QJsonValue(QJsonValue::Null);
}

} // namespace inlet
