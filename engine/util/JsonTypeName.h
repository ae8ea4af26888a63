#pragma once

#include <QJsonValue>
#include <QString>

namespace inlet {

// "a string", "an object", "null", ...: for messages that say what was found.
QString jsonTypeName(const QJsonValue &value);

} // namespace inlet
