#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>
#include <utility>

namespace inlet {

// The change an identify or a set makes to one user, object or tenant row:
// the named columns that were given, and a shallow merge patch for
// `properties`.
struct RecordPatch
{
    // Column name (always one of the names the caller passed to read(), never
    // a payload key) and value; a null value clears the column.
    QList<std::pair<QString, QVariant>> columns;
    // Top-level keys replace stored ones; a key whose value is null is removed.
    QJsonObject properties;

    // Builds a patch from `fields`. Keys in `columns` are text columns: a
    // string, a number (stored in decimal) or null (clears). `properties`
    // must be an object. Any other key, except those in `identity`, is a
    // property too (so an inline recipient or a Knock-style body can carry
    // custom fields at the top level); `properties` wins on a conflict.
    // On a type problem returns nullopt with `*problem` saying which field
    // ("'email' is a boolean; expected a string or a number") and
    // `*field` naming it.
    static std::optional<RecordPatch> read(const QJsonObject &fields, const QStringList &columns,
                                           const QStringList &identity, QString *field, QString *problem);

    // `stored` with the patch applied.
    QJsonObject mergedInto(const QJsonObject &stored) const;

    static const QStringList &userColumns();   // name, email, phone_number, avatar, locale, timezone
    static const QStringList &objectColumns(); // name (objects and tenants)
};

} // namespace inlet
