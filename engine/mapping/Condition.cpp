#include "mapping/Condition.h"

#include "mapping/JsonCompare.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

namespace {

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

Condition Condition::parse(const QJsonValue &json, QString *error)
{
    const QString pathKey = u"path"_s;
    const QString existsKey = u"exists"_s;
    const QString equalsKey = u"equals"_s;
    if (!json.isObject()) {
        setError(error, u"a condition must be an object like {\"path\": \"...\", \"exists\": true}"_s);
        return Condition();
    }
    const QJsonObject object = json.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != pathKey && it.key() != existsKey && it.key() != equalsKey) {
            setError(error, u"unknown key \""_s + it.key() + u"\" in condition: expected path with exists or equals"_s);
            return Condition();
        }
    }
    const QJsonValue path = object.value(pathKey);
    if (!path.isString()) {
        setError(error,
                 path.isUndefined() ? u"condition needs a \"path\""_s : u"condition \"path\" must be a string"_s);
        return Condition();
    }
    const bool hasExists = object.contains(existsKey);
    const bool hasEquals = object.contains(equalsKey);
    if (hasExists == hasEquals) {
        setError(error, hasExists ? u"condition has both \"exists\" and \"equals\": use one"_s
                                  : u"condition needs \"exists\" or \"equals\""_s);
        return Condition();
    }
    Condition condition;
    if (hasExists) {
        const QJsonValue exists = object.value(existsKey);
        if (!exists.isBool()) {
            setError(error, u"condition \"exists\" must be true or false"_s);
            return Condition();
        }
        condition.m_test = Test::Exists;
        condition.m_exists = exists.toBool();
    } else {
        condition.m_test = Test::Equals;
        condition.m_expected = object.value(equalsKey);
    }
    QString pathError;
    condition.m_path = PathExpression::compile(path.toString(), &pathError);
    if (!condition.m_path.isValid()) {
        setError(error, u"condition path \""_s + path.toString() + u"\": "_s + pathError);
        return Condition();
    }
    condition.m_source = json;
    condition.m_valid = true;
    if (error)
        error->clear();
    return condition;
}

bool Condition::holds(const EvalContext &context) const
{
    if (!m_valid)
        return false;
    const std::optional<QJsonValue> value = m_path.evaluate(context);
    if (m_test == Test::Exists)
        return value.has_value() == m_exists;
    return value && JsonCompare::equal(*value, m_expected);
}

} // namespace inlet
