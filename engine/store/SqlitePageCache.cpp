#include "store/SqlitePageCache.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>

namespace inlet {
namespace {

std::atomic<qint64> g_truncations{0};
std::atomic<qint64> g_passedOn{0};
std::atomic<qint64> g_borrowed{0};
std::atomic<bool> g_installed{false};
sqlite3_pcache_methods2 g_real{};

// Page numbers above `maxKey` given to a page by xRekey. Rebalancing borrows
// one at a time and gives it back within the same call, so a few slots are
// plenty; when they are full the number goes into `maxKey` (safe, merely
// pessimistic until the next truncation).
constexpr int kBorrowSlots = 4;

struct Cache
{
    sqlite3_pcache *real;
    // No page in the cache has a number above this, except those in
    // `borrowed`.
    unsigned maxKey = 0;
    unsigned borrowed[kBorrowSlots] = {};
    int borrowedCount = 0;

    unsigned highest() const
    {
        unsigned high = maxKey;
        for (int i = 0; i < borrowedCount; ++i)
            high = std::max(high, borrowed[i]);
        return high;
    }

    void giveBack(unsigned key)
    {
        for (int i = 0; i < borrowedCount; ++i) {
            if (borrowed[i] == key) {
                borrowed[i] = borrowed[--borrowedCount];
                return;
            }
        }
    }

    void borrow(unsigned key)
    {
        if (borrowedCount < kBorrowSlots)
            borrowed[borrowedCount++] = key;
        else
            maxKey = key;
    }
};

Cache *cacheOf(sqlite3_pcache *p)
{
    return reinterpret_cast<Cache *>(p);
}

int xInit(void *)
{
    return g_real.xInit(g_real.pArg);
}

void xShutdown(void *)
{
    if (g_real.xShutdown)
        g_real.xShutdown(g_real.pArg);
}

sqlite3_pcache *xCreate(int szPage, int szExtra, int bPurgeable)
{
    sqlite3_pcache *real = g_real.xCreate(szPage, szExtra, bPurgeable);
    if (!real)
        return nullptr;
    auto *cache = new (std::nothrow) Cache{real};
    if (!cache) {
        g_real.xDestroy(real);
        return nullptr;
    }
    return reinterpret_cast<sqlite3_pcache *>(cache);
}

void xCachesize(sqlite3_pcache *p, int nCachesize)
{
    g_real.xCachesize(cacheOf(p)->real, nCachesize);
}

int xPagecount(sqlite3_pcache *p)
{
    return g_real.xPagecount(cacheOf(p)->real);
}

sqlite3_pcache_page *xFetch(sqlite3_pcache *p, unsigned key, int createFlag)
{
    Cache *cache = cacheOf(p);
    sqlite3_pcache_page *page = g_real.xFetch(cache->real, key, createFlag);
    // Without createFlag a page is only found, and it got its number here
    // or through xRekey: already within the bound.
    if (page && createFlag && key > cache->maxKey)
        cache->maxKey = key;
    return page;
}

void xUnpin(sqlite3_pcache *p, sqlite3_pcache_page *page, int discard)
{
    g_real.xUnpin(cacheOf(p)->real, page, discard);
}

void xRekey(sqlite3_pcache *p, sqlite3_pcache_page *page, unsigned oldKey, unsigned newKey)
{
    Cache *cache = cacheOf(p);
    g_real.xRekey(cache->real, page, oldKey, newKey);
    cache->giveBack(oldKey);
    if (newKey > cache->maxKey) {
        cache->borrow(newKey);
        g_borrowed.fetch_add(1, std::memory_order_relaxed);
    }
}

void xTruncate(sqlite3_pcache *p, unsigned limit)
{
    Cache *cache = cacheOf(p);
    // A limit of 1 (or 0) empties the cache: a pager reset or a closing
    // temporary table. Nothing to spare there.
    if (limit <= 1) {
        g_real.xTruncate(cache->real, limit);
        cache->maxKey = 0;
        cache->borrowedCount = 0;
        return;
    }
    g_truncations.fetch_add(1, std::memory_order_relaxed);
    unsigned high = cache->highest();
    if (high >= limit) {
        g_real.xTruncate(cache->real, limit);
        g_passedOn.fetch_add(1, std::memory_order_relaxed);
        high = limit - 1;
    }
    cache->maxKey = high;
    cache->borrowedCount = 0;
}

void xDestroy(sqlite3_pcache *p)
{
    Cache *cache = cacheOf(p);
    g_real.xDestroy(cache->real);
    delete cache;
}

void xShrink(sqlite3_pcache *p)
{
    g_real.xShrink(cacheOf(p)->real);
}

} // namespace

bool SqlitePageCache::install()
{
    static const bool ok = [] {
        // Both calls fail once SQLite has initialized.
        if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &g_real) != SQLITE_OK || !g_real.xCreate)
            return false;
        sqlite3_pcache_methods2 methods{};
        methods.iVersion = 1;
        methods.xInit = xInit;
        methods.xShutdown = xShutdown;
        methods.xCreate = xCreate;
        methods.xCachesize = xCachesize;
        methods.xPagecount = xPagecount;
        methods.xFetch = xFetch;
        methods.xUnpin = xUnpin;
        methods.xRekey = xRekey;
        methods.xTruncate = xTruncate;
        methods.xDestroy = xDestroy;
        methods.xShrink = xShrink;
        return sqlite3_config(SQLITE_CONFIG_PCACHE2, &methods) == SQLITE_OK;
    }();
    g_installed.store(ok, std::memory_order_relaxed);
    return ok;
}

bool SqlitePageCache::installed()
{
    return g_installed.load(std::memory_order_relaxed);
}

SqlitePageCache::Stats SqlitePageCache::stats()
{
    return {g_truncations.load(std::memory_order_relaxed), g_passedOn.load(std::memory_order_relaxed),
            g_borrowed.load(std::memory_order_relaxed)};
}

} // namespace inlet
