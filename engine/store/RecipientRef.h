#pragma once

#include "store/RecordPatch.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace inlet {

// One recipient (SPEC 9.3): a user by id, or an object by collection and id.
// An inline recipient also carries the fields to identify (user) or set
// (object) before it is used.
struct RecipientRef
{
    QString collection; // empty for a user
    QString id;
    bool isInline = false;
    RecordPatch patch; // for an inline recipient

    bool isUser() const { return collection.isEmpty(); }
    bool sameAs(const RecipientRef &other) const { return collection == other.collection && id == other.id; }

    // The stored and reported form: "u1" or {"collection": "c", "id": "o1"}.
    QJsonValue toJson() const;
    // `json` with "reason": the entries of a result's `left_out` list.
    QJsonObject leftOut(const QString &reason) const;
    // "user 'u1'" or "object 'projects/p1'", for messages.
    QString label() const;

    // Reads the stored form back; an empty id if `json` is not one.
    static RecipientRef fromJson(const QJsonValue &json);
    // Keeps the first of each recipient, in order.
    static QList<RecipientRef> distinct(const QList<RecipientRef> &list);
};

} // namespace inlet
