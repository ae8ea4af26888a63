#pragma once

#include "mapping/EvalContext.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace inlet::test {

// Loads tests/data/payloads/<relative> (byte-exact copies of the shared
// fixtures); an empty object if it cannot be read or parsed.
QJsonObject loadPayload(const QString &relative);

// A context around the Stripe invoice.paid fixture with a few headers (as the
// HTTP layer would store them: lower-case), a query and a preprocess result.
EvalContext stripeContext();

// Parses JSON text that may be a scalar ("1", "null", "\"x\""); used by
// data-driven tests to write expected values compactly.
QJsonValue json(const QString &text);

// Compact text of a resolution for readable failure messages: "<missing>"
// for std::nullopt.
QString describe(const std::optional<QJsonValue> &value);

} // namespace inlet::test
