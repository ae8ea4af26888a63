#pragma once

#include <QtGlobal>

namespace inlet {

// A SQLite VFS over the platform's own that gathers a transaction's WAL
// writes into few pwrites. SQLite writes each WAL frame as two calls (its
// 24-byte header, then the page), so a commit of 60 pages cost 120 system
// calls; on this project's VMs (page-table isolation, paravirtual
// interrupts) the calls, not the bytes, were most of a commit.
//
// Contiguous writes to a WAL file are held in memory and written in one
// call when the commit frame's page arrives (so a failure is SQLite's
// failed write, before it publishes the commit), when the next write is
// not contiguous or would pass 128 KiB (the unix VFS's limit per call),
// and before any read, sync, truncate, size query, file control, unlock or
// close of the WAL, and before the same calls or xShmBarrier/xShmLock on
// its database file (found with sqlite3_database_file_object). Other
// connections see frames only through the WAL index header, published
// after the commit frame, so they never read a frame before it is in the
// file; a crash before then loses only an unfinished commit, as it would
// without the shim. Other files (the database, the journal) pass through.
class WalWriteCoalescer final
{
public:
    // Registers the VFS as the process's default (once; thread-safe), so
    // Qt's SQLite connections opened afterwards use it. Returns false if
    // SQLite refused it (connections then use the platform VFS as before).
    static bool install();

    struct Stats
    {
        qint64 writesRequested = 0; // WAL xWrite calls SQLite made
        qint64 writesIssued = 0;    // writes passed to the platform VFS
    };
    static Stats stats();
};

} // namespace inlet
