#include "config/ConfigError.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

void ConfigErrors::add(const QString &path, const QString &message)
{
    m_errors.append(path + u": "_s + message);
}

QString ConfigErrors::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString ConfigErrors::child(const QString &path, const QString &key)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (plain.match(key).hasMatch())
        return path + u'.' + key;
    return path + u"[\""_s + key + u"\"]"_s;
}

QString ConfigErrors::index(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

} // namespace inlet
