#include "config/ConfigError.h"

#include "util/JsonTypeName.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

void ConfigErrors::add(const QString &path, const QString &message)
{
    m_errors.append(path + u": "_s + message);
}

QString ConfigErrors::typeName(const QJsonValue &value)
{
    return jsonTypeName(value);
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
