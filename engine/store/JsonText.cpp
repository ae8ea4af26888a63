#include "store/JsonText.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString JsonText::fromObject(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString JsonText::fromArray(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QString JsonText::fromValue(const QJsonValue &value)
{
    // QJsonDocument holds only objects and arrays: wrap, then drop the brackets.
    const QString wrapped = fromArray(QJsonArray{value});
    return wrapped.mid(1, wrapped.size() - 2);
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
