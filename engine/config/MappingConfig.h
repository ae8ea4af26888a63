#pragma once

#include "config/ConfigError.h"
#include "mapping/Condition.h"
#include "mapping/ValueSpec.h"
#include "store/ActionType.h"

#include <QJsonObject>
#include <QList>

#include <optional>
#include <utility>

namespace inlet {

// One mapping: when an event of `eventType` arrives, run `actionType` with
// `parameters` (SPEC 9). Parsing compiles every value once, so events never
// re-parse paths.
struct MappingConfig
{
    QString eventType;
    ActionType actionType = ActionType::UsersIdentify;
    QJsonObject parameters; // as configured (round-trips)
    bool active = true;
    QJsonValue when; // as configured; undefined when absent

    // Compiled forms of `parameters` and `when`.
    QList<std::pair<QString, ValueSpec>> values;
    std::optional<Condition> condition;
    QByteArray parametersJson; // `parameters` as compact JSON, for every action log

    static std::optional<MappingConfig> fromJson(const QJsonValue &json, const QString &path, ConfigErrors &errors);
    QJsonObject toJson() const;

    // `key` of workflow and audience actions names a thing, not a payload
    // field: a plain string there is a literal (as in Knock's sources).
    static bool isLiteralParameter(ActionType type, const QString &parameter);
};

} // namespace inlet
