#pragma once

#include <QJsonValue>
#include <QString>
#include <QVariantList>

namespace inlet {

// Translates an Inlet path over the event (`body.data.items[0].id`,
// `headers.svix-id`, `body["odd.key"]`) into the column it reads and an
// SQLite JSON path (`$.data.items[0].id`), so `path = value` searches run
// in SQL. `[*]` is not supported here.
struct SqlJsonPath
{
    QString column; // "body" or "headers"
    QString jsonPath;
    QVariantList steps; // the same path for PostgreSQL: keys (QString) and indexes (int)
    QString error;

    static SqlJsonPath translate(const QString &path);

    // PostgreSQL: the path as a text[] literal for `#>` ({"data","items","0","id"}).
    QString postgresPath() const;
    // PostgreSQL: a document that contains `value` at this path, for `@>`,
    // which the GIN index on the body answers (arrays match any element, so
    // it narrows; the exact `#>` test decides).
    QJsonValue containing(const QJsonValue &value) const;
};

} // namespace inlet
