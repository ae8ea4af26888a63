#pragma once

#include <QJsonObject>
#include <QJsonValue>

namespace inlet {

// The document every mapping path is evaluated against (SPEC section 4).
// A default-constructed (undefined) body or preprocess means "absent": paths
// into it resolve to missing, not to null.
struct EvalContext
{
    QJsonValue body = QJsonValue(QJsonValue::Undefined);
    QJsonObject headers; // names must be lower-case; fromJson() takes care of that
    QJsonObject query;
    QJsonValue preprocess = QJsonValue(QJsonValue::Undefined);

    // {body, headers, query, preprocess}; absent parts are left out.
    QJsonObject toJson() const;

    // Inverse of toJson(). Header names are lower-cased because header paths
    // are compiled lower-case and HTTP header names are case-insensitive.
    static EvalContext fromJson(const QJsonObject &document);
};

} // namespace inlet
