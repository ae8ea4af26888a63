#include "store/ParameterReader.h"

#include "util/JsonTypeName.h"

#include <QJsonArray>
#include <QLocale>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ParameterReader::ParameterReader(const QJsonObject &payload)
    : m_payload(payload)
{}

bool ParameterReader::present(const QString &name, QJsonValue *value)
{
    const auto it = m_payload.constFind(name);
    if (it == m_payload.constEnd()) {
        fail(name, u"required parameter '%1' is missing"_s.arg(name));
        return false;
    }
    *value = it.value();
    if (value->isNull()) {
        fail(name, u"required parameter '%1' is null"_s.arg(name));
        return false;
    }
    if (value->isString() && value->toString().isEmpty()) {
        fail(name, u"required parameter '%1' is an empty string"_s.arg(name));
        return false;
    }
    if (value->isArray() && value->toArray().isEmpty()) {
        fail(name, u"required parameter '%1' is an empty list"_s.arg(name));
        return false;
    }
    return true;
}

QString ParameterReader::requiredId(const QString &name)
{
    QJsonValue v;
    if (!present(name, &v))
        return {};
    const QString text = identifierText(v);
    if (text.isNull())
        fail(name, u"parameter '%1' must be a string or a number; got %2"_s.arg(name, typeName(v)));
    return text;
}

QString ParameterReader::optionalId(const QString &name)
{
    const QJsonValue v = m_payload.value(name);
    if (v.isUndefined() || v.isNull())
        return {};
    const QString text = identifierText(v);
    if (text.isNull()) {
        fail(name, u"parameter '%1' must be a string or a number; got %2"_s.arg(name, typeName(v)));
        return {};
    }
    return text.isEmpty() ? QString() : text;
}

QString ParameterReader::requiredString(const QString &name)
{
    QJsonValue v;
    if (!present(name, &v))
        return {};
    if (!v.isString()) {
        fail(name, u"parameter '%1' must be a string; got %2"_s.arg(name, typeName(v)));
        return {};
    }
    return v.toString();
}

QJsonObject ParameterReader::requiredObject(const QString &name)
{
    QJsonValue v;
    if (!present(name, &v))
        return {};
    if (!v.isObject()) {
        fail(name, u"parameter '%1' must be an object; got %2"_s.arg(name, typeName(v)));
        return {};
    }
    return v.toObject();
}

std::optional<QJsonObject> ParameterReader::optionalObject(const QString &name)
{
    const QJsonValue v = m_payload.value(name);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isObject()) {
        fail(name, u"parameter '%1' must be an object; got %2"_s.arg(name, typeName(v)));
        return std::nullopt;
    }
    return v.toObject();
}

QJsonValue ParameterReader::requiredValue(const QString &name)
{
    QJsonValue v;
    if (!present(name, &v))
        return QJsonValue(QJsonValue::Undefined);
    return v;
}

QJsonValue ParameterReader::optionalValue(const QString &name)
{
    const QJsonValue v = m_payload.value(name);
    return v.isNull() ? QJsonValue(QJsonValue::Undefined) : v;
}

void ParameterReader::fail(const QString &parameter, const QString &message)
{
    if (!m_failure)
        m_failure = ActionOutcome::skipped(parameter, message);
}

QString ParameterReader::typeName(const QJsonValue &value)
{
    return jsonTypeName(value, JsonTypeWording::ArticleList);
}

QString ParameterReader::identifierText(const QJsonValue &value)
{
    if (value.isString()) {
        const QString s = value.toString();
        return s.isNull() ? QString(u""_s) : s;
    }
    if (value.isDouble()) {
        const double d = value.toDouble();
        // Integers print without exponent or fraction up to 2^53, the range
        // JSON numbers keep exactly; beyond that the shortest round-trip form.
        if (std::trunc(d) == d && std::fabs(d) <= 9007199254740992.0)
            return QString::number(qint64(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    return {};
}

} // namespace inlet
