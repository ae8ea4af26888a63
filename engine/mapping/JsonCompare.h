#pragma once

#include <QJsonValue>

namespace inlet {

// Deep JSON equality for conditions: numbers compare by value (1 == 1.0),
// objects by members regardless of order, arrays element by element.
class JsonCompare final
{
public:
    static bool equal(const QJsonValue &a, const QJsonValue &b);

private:
    static bool equalNumbers(const QJsonValue &a, const QJsonValue &b);
};

} // namespace inlet
