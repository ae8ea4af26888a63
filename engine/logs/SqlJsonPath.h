#pragma once

#include <QString>

namespace inlet {

// Translates an Inlet path over the event (`body.data.items[0].id`,
// `headers.svix-id`, `body["odd.key"]`) into the column it reads and an
// SQLite JSON path (`$.data.items[0].id`), so `path = value` searches run
// in SQL. `[*]` is not supported here.
struct SqlJsonPath
{
    QString column; // "body" or "headers"
    QString jsonPath;
    QString error;

    static SqlJsonPath translate(const QString &path);
};

} // namespace inlet
