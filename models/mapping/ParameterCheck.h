#pragma once

#include "store/ActionType.h"

#include <QJsonValue>
#include <QString>

#include <optional>

namespace inlet {

// What a parameter resolves to against a sample, as the mapping editor
// marks it: ok, missing, wrong type, required-but-empty, or unset.
struct ParameterCheck
{
    enum class State { Ok, Unset, Missing, WrongType, RequiredEmpty, Invalid };
    State state = State::Unset;
    std::optional<QJsonValue> value;
    QString message;

    // `configured` is the parameter as configured (undefined when unset).
    static ParameterCheck evaluate(ActionType type, const QString &name, bool required, const QJsonValue &configured,
                                   const QJsonObject &sample);
    static QString stateName(State state);
};

} // namespace inlet
