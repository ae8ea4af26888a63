#pragma once

#include <QSqlDatabase>
#include <QString>

namespace inlet {

// The keys of processed events (SPEC 10.3), as the store keeps them between
// deliveries. A key is only looked up within its source's window, so a row
// past the longest window any source has is dead weight: without pruning
// the table grew by a row per processed event for as long as inletd ran,
// whatever the log's retention.
class IdempotencyKeys final
{
public:
    // Deletes up to `batch` keys processed before `cutoffMs`, oldest first;
    // returns how many, or -1 with `error` set. Runs inside the caller's
    // transaction.
    static qint64 forgetBefore(QSqlDatabase &db, qint64 cutoffMs, int batch, QString *error);
};

} // namespace inlet
