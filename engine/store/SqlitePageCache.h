#pragma once

#include <QtGlobal>

namespace inlet {

// SQLite's page cache (pcache1) under a thin layer that spares it a full
// scan at the end of many write transactions.
//
// Every transaction's end asks the cache to drop the pages past the end of
// the database (xTruncate). pcache1 decides whether there can be any from
// the highest page number it has ever held since the last truncation, and
// when that is far above the limit it walks every page of the cache. B-tree
// rebalancing (balance_nonroot, which keeps new sibling pages in ascending
// order) swaps two pages' numbers through the one page no database uses
// (the lock-byte page, number 262,145 at 4 KiB pages), so after most
// transactions that split a page that highest number is 262,145: a walk of
// all 16,384 pages of the store's 64 MiB cache, pointer by pointer, at
// commit after commit of processing under load (seen with gdb). perf put
// it at 8% of the store thread's time (docs/benchmarks.md, session 9).
//
// The layer keeps its own bound on the cache's page numbers, which a
// borrowed number leaves as soon as it is given back, and passes a
// truncation on only when a page at or past the limit may be held.
// Everything else goes straight to pcache1.
class SqlitePageCache final
{
public:
    // Makes the layer SQLite's page cache for the process. It must run
    // before SQLite initializes (before the first connection opens or any
    // VFS is looked up); afterwards SQLite refuses and this returns false,
    // and connections keep pcache1 alone. Once only; thread-safe.
    static bool install();
    static bool installed();

    struct Stats
    {
        qint64 truncations = 0; // xTruncate calls SQLite made, emptying ones aside
        qint64 passedOn = 0;    // of which reached pcache1
        qint64 borrowed = 0;    // xRekey calls that gave a page a number past the bound
    };
    static Stats stats();
};

} // namespace inlet
