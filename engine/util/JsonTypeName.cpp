#include "util/JsonTypeName.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

QString jsonTypeName(const QJsonValue &value, JsonTypeWording wording)
{
    const bool bare = wording == JsonTypeWording::Bare;
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return bare ? u"boolean"_s : u"a boolean"_s;
    case QJsonValue::Double:
        return bare ? u"number"_s : u"a number"_s;
    case QJsonValue::String:
        return bare ? u"string"_s : u"a string"_s;
    case QJsonValue::Array:
        if (wording == JsonTypeWording::ArticleList)
            return u"a list"_s;
        return bare ? u"array"_s : u"an array"_s;
    case QJsonValue::Object:
        return bare ? u"object"_s : u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return bare ? u"missing"_s : u"nothing"_s;
}

} // namespace inlet
