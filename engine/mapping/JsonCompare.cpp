#include "mapping/JsonCompare.h"

#include <QJsonArray>
#include <QJsonObject>

namespace inlet {

bool JsonCompare::equalNumbers(const QJsonValue &a, const QJsonValue &b)
{
    if (a.toDouble() != b.toDouble())
        return false;
    // Equal as doubles, but two distinct 64-bit integers above 2^53 can round
    // to the same double: when both are integral, compare them exactly.
    const qint64 ia = a.toInteger(0);
    const qint64 ib = b.toInteger(0);
    const bool aIntegral = ia == a.toInteger(1);
    const bool bIntegral = ib == b.toInteger(1);
    return !(aIntegral && bIntegral) || ia == ib;
}

bool JsonCompare::equal(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::Bool:
        return a.toBool() == b.toBool();
    case QJsonValue::Double:
        return equalNumbers(a, b);
    case QJsonValue::String:
        return a.toString() == b.toString();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray();
        const QJsonArray y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!equal(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject();
        const QJsonObject y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            const auto other = y.constFind(it.key());
            if (other == y.constEnd() || !equal(it.value(), other.value()))
                return false;
        }
        return true;
    }
    }
    Q_UNREACHABLE();
}

} // namespace inlet
