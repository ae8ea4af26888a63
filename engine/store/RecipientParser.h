#pragma once

#include "store/ActionOutcome.h"
#include "store/RecipientRef.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace inlet {

// Reads the recipient-like parameters (`recipients`, `users`, `actor`) in
// the shapes of SPEC 9.3: a string user id, a list, inline user objects with
// `id`, and `{"collection", "id"}` object references (an object reference
// with more fields is an inline object). A bare number is a wrong type: in a
// recipients slot it is nearly always a path pointing at the wrong field.
class RecipientParser final
{
public:
    enum class Accept { UsersAndObjects, UsersOnly };

    static constexpr int maxRecipients = 1000;

    // `value` is present and not null. On a wrong shape returns nullopt with
    // a `skipped` outcome; on more than maxRecipients entries an `error`.
    static std::optional<QList<RecipientRef>> parseList(const QJsonValue &value, const QString &parameter,
                                                        Accept accept, ActionOutcome *failure);
    // A single recipient (the actor).
    static std::optional<RecipientRef> parseOne(const QJsonValue &value, const QString &parameter,
                                                ActionOutcome *failure);

private:
    // Reads one entry; on a problem fills `*problem` with what was found
    // ("a number", "an object without 'id'").
    static std::optional<RecipientRef> entry(const QJsonValue &value, Accept accept, QString *problem);
};

} // namespace inlet
