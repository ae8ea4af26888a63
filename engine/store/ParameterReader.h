#pragma once

#include "store/ActionOutcome.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace inlet {

// Reads an action's resolved parameter values (SPEC 9.2: a parameter that
// resolved to "missing" is absent, JSON null is present as null) and checks
// their types. The first problem is kept as a `skipped` outcome naming the
// parameter; later reads still return harmless defaults, so an executor reads
// everything, then asks failed() once before touching the store.
class ParameterReader final
{
public:
    explicit ParameterReader(const QJsonObject &payload);

    // Identifiers (id, collection, audience key, tenant, cancellation key): a
    // string, or a number written in decimal. Required ones must not be
    // missing, null or "".
    QString requiredId(const QString &name);
    // Absent, null and "" read as a null QString.
    QString optionalId(const QString &name);
    // A key that must be a string (the workflow key: a literal, SPEC 9).
    QString requiredString(const QString &name);
    QJsonObject requiredObject(const QString &name);
    // Absent and null read as nullopt.
    std::optional<QJsonObject> optionalObject(const QString &name);
    // Present and not null, "" or []; the caller checks the shape.
    QJsonValue requiredValue(const QString &name);
    // Absent and null read as an undefined QJsonValue.
    QJsonValue optionalValue(const QString &name);

    bool failed() const { return m_failure.has_value(); }
    ActionOutcome failure() const { return m_failure.value_or(ActionOutcome{}); }
    // Keeps the first failure only, so the message names the first parameter
    // in the order the action declares them.
    void fail(const QString &parameter, const QString &message);

    // "a string", "a number", "a boolean", "null", "a list", "an object".
    static QString typeName(const QJsonValue &value);
    // The text of a string or number identifier (numbers in decimal, integers
    // without exponent); a null QString for any other type.
    static QString identifierText(const QJsonValue &value);

private:
    // Checks presence for a required parameter; false (and a failure) if the
    // value is missing, null or "".
    bool present(const QString &name, QJsonValue *value);

    QJsonObject m_payload;
    std::optional<ActionOutcome> m_failure;
};

} // namespace inlet
