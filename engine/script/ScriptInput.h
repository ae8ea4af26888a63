#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace inlet {

// The `ctx` a preprocess script's main() receives (SPEC 6).
struct ScriptInput
{
    QJsonObject vars;
    QJsonValue body;
    QByteArray rawBody;
    QJsonObject headers; // lower-case names
    QJsonObject query;
};

} // namespace inlet
