#include "store/WalWriteCoalescer.h"

#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace inlet {
namespace {

constexpr int kFrameHeaderSize = 24; // WAL_FRAME_HDRSIZE
// The unix VFS writes `amount & 0x1ffff` bytes per pwrite and reports a
// write of exactly 128 KiB as a full disk: stay below it (31 frames of 4 KiB).
constexpr sqlite3_int64 kMaxHeld = 0x1ffff;

std::atomic<qint64> g_requested{0};
std::atomic<qint64> g_issued{0};
sqlite3_vfs *g_real = nullptr;

// Allocated by SQLite (szOsFile bytes, not constructed): plain data only.
// The platform's file object follows it in the same allocation.
struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    File *wal; // a database file: its connection's open WAL
    File *db;  // a WAL file: its database file
    bool isWal;
    bool commitFrame; // the last frame header written had a commit size
    char *held;
    sqlite3_int64 heldStart;
    sqlite3_int64 heldSize;
};
static_assert(sizeof(File) % 8 == 0, "the platform's file object must stay aligned");

const sqlite3_io_methods *realMethods(const File *f)
{
    return f->real->pMethods;
}

int writeHeld(File *f)
{
    if (f->heldSize == 0)
        return SQLITE_OK;
    const int rc = realMethods(f)->xWrite(f->real, f->held, int(f->heldSize), f->heldStart);
    g_issued.fetch_add(1, std::memory_order_relaxed);
    f->heldSize = 0;
    return rc;
}

int writeHeldWal(File *db)
{
    return db->wal ? writeHeld(db->wal) : SQLITE_OK;
}

int hold(File *f, const void *data, int amount, sqlite3_int64 offset)
{
    if (f->heldSize > 0 && (offset != f->heldStart + f->heldSize || f->heldSize + amount > kMaxHeld)) {
        if (const int rc = writeHeld(f); rc != SQLITE_OK)
            return rc;
    }
    if (!f->held)
        f->held = static_cast<char *>(std::malloc(size_t(kMaxHeld)));
    if (!f->held || amount > kMaxHeld) { // write as SQLite asked
        g_issued.fetch_add(1, std::memory_order_relaxed);
        return realMethods(f)->xWrite(f->real, data, amount, offset);
    }
    if (f->heldSize == 0)
        f->heldStart = offset;
    std::memcpy(f->held + f->heldSize, data, size_t(amount));
    f->heldSize += amount;
    return SQLITE_OK;
}

// Forwards to the platform's file object.
template <typename Call>
auto forward(sqlite3_file *file, Call call)
{
    File *f = reinterpret_cast<File *>(file);
    return call(f->real, realMethods(f));
}

// Writes what is held first - a WAL's own frames, or for a database file its
// connection's WAL's - then forwards.
template <typename Call>
int afterHeld(sqlite3_file *file, Call call)
{
    File *f = reinterpret_cast<File *>(file);
    if (const int rc = f->isWal ? writeHeld(f) : writeHeldWal(f); rc != SQLITE_OK)
        return rc;
    return call(f->real, realMethods(f));
}

int xClose(sqlite3_file *file)
{
    File *f = reinterpret_cast<File *>(file);
    int rc = writeHeld(f);
    std::free(f->held);
    f->held = nullptr;
    if (f->isWal && f->db && f->db->wal == f)
        f->db->wal = nullptr;
    if (!f->isWal && f->wal)
        f->wal->db = nullptr;
    const int closed = realMethods(f)->xClose(f->real);
    return rc != SQLITE_OK ? rc : closed;
}

int xRead(sqlite3_file *file, void *out, int amount, sqlite3_int64 offset)
{
    return afterHeld(file,
                     [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xRead(r, out, amount, offset); });
}

int xWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    File *f = reinterpret_cast<File *>(file);
    if (!f->isWal)
        return realMethods(f)->xWrite(f->real, data, amount, offset);
    g_requested.fetch_add(1, std::memory_order_relaxed);
    const bool header = amount == kFrameHeaderSize;
    const bool commitPage = !header && f->commitFrame;
    if (header) {
        // Bytes 4-7 of a frame header: the database size after a commit,
        // 0 for the other frames of a transaction.
        const auto *h = static_cast<const unsigned char *>(data);
        f->commitFrame = (h[4] | h[5] | h[6] | h[7]) != 0;
    } else {
        f->commitFrame = false;
    }
    if (const int rc = hold(f, data, amount, offset); rc != SQLITE_OK)
        return rc;
    // The commit frame's page ends the transaction's frames: write them now,
    // so a failure is SQLite's failed write, before it publishes the commit.
    return commitPage ? writeHeld(f) : SQLITE_OK;
}

int xTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xTruncate(r, size); });
}

int xSync(sqlite3_file *file, int flags)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xSync(r, flags); });
}

int xFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xFileSize(r, size); });
}

int xLock(sqlite3_file *file, int lock)
{
    return forward(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xLock(r, lock); });
}

int xUnlock(sqlite3_file *file, int lock)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xUnlock(r, lock); });
}

int xCheckReservedLock(sqlite3_file *file, int *out)
{
    return forward(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xCheckReservedLock(r, out); });
}

int xFileControl(sqlite3_file *file, int op, void *arg)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xFileControl(r, op, arg); });
}

int xSectorSize(sqlite3_file *file)
{
    return forward(file, [](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xSectorSize(r); });
}

int xDeviceCharacteristics(sqlite3_file *file)
{
    return forward(file, [](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xDeviceCharacteristics(r); });
}

int xShmMap(sqlite3_file *file, int page, int pageSize, int extend, void volatile **out)
{
    return forward(
        file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xShmMap(r, page, pageSize, extend, out); });
}

int xShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    return afterHeld(file,
                     [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xShmLock(r, offset, n, flags); });
}

void xShmBarrier(sqlite3_file *file)
{
    File *f = reinterpret_cast<File *>(file);
    // Normally empty here (the commit frame wrote everything); the index
    // header that makes frames visible is published after this barrier.
    writeHeldWal(f);
    realMethods(f)->xShmBarrier(f->real);
}

int xShmUnmap(sqlite3_file *file, int deleteFlag)
{
    return afterHeld(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xShmUnmap(r, deleteFlag); });
}

int xFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
    return afterHeld(file,
                     [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xFetch(r, offset, amount, out); });
}

int xUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    return forward(file, [&](sqlite3_file *r, const sqlite3_io_methods *m) { return m->xUnfetch(r, offset, page); });
}

// One table per io_methods version, so SQLite sees what the platform's
// file object offers (WAL needs version 2, memory mapping version 3).
const sqlite3_io_methods *methodsFor(int version)
{
    static const sqlite3_io_methods tables[3] = {
        {1, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
         xSectorSize, xDeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr},
        {2, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
         xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, nullptr, nullptr},
        {3, xClose, xRead, xWrite, xTruncate, xSync, xFileSize, xLock, xUnlock, xCheckReservedLock, xFileControl,
         xSectorSize, xDeviceCharacteristics, xShmMap, xShmLock, xShmBarrier, xShmUnmap, xFetch, xUnfetch},
    };
    return &tables[qBound(1, version, 3) - 1];
}

int xOpen(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = reinterpret_cast<File *>(file);
    std::memset(f, 0, sizeof(File));
    f->real = reinterpret_cast<sqlite3_file *>(f + 1);
    const int rc = g_real->xOpen(g_real, name, f->real, flags, outFlags);
    if (!f->real->pMethods) {
        f->base.pMethods = nullptr; // SQLite will not call xClose
        return rc;
    }
    f->base.pMethods = methodsFor(f->real->pMethods->iVersion);
    if ((flags & SQLITE_OPEN_WAL) && name) {
        // The WAL's name is handed over by its pager, which knows its
        // database file: the one opened through this VFS just before.
        f->isWal = true;
        f->db = reinterpret_cast<File *>(sqlite3_database_file_object(name));
        if (f->db)
            f->db->wal = f;
    }
    return rc;
}

int xDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    return g_real->xDelete(g_real, name, syncDir);
}

int xAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return g_real->xAccess(g_real, name, flags, out);
}

int xFullPathname(sqlite3_vfs *, const char *name, int size, char *out)
{
    return g_real->xFullPathname(g_real, name, size, out);
}

void *xDlOpen(sqlite3_vfs *, const char *name)
{
    return g_real->xDlOpen(g_real, name);
}

void xDlError(sqlite3_vfs *, int size, char *out)
{
    g_real->xDlError(g_real, size, out);
}

void (*xDlSym(sqlite3_vfs *, void *handle, const char *symbol))(void)
{
    return g_real->xDlSym(g_real, handle, symbol);
}

void xDlClose(sqlite3_vfs *, void *handle)
{
    g_real->xDlClose(g_real, handle);
}

int xRandomness(sqlite3_vfs *, int size, char *out)
{
    return g_real->xRandomness(g_real, size, out);
}

int xSleep(sqlite3_vfs *, int us)
{
    return g_real->xSleep(g_real, us);
}

int xCurrentTime(sqlite3_vfs *, double *out)
{
    return g_real->xCurrentTime(g_real, out);
}

int xGetLastError(sqlite3_vfs *, int size, char *out)
{
    return g_real->xGetLastError ? g_real->xGetLastError(g_real, size, out) : 0;
}

int xCurrentTimeInt64(sqlite3_vfs *, sqlite3_int64 *out)
{
    return g_real->xCurrentTimeInt64(g_real, out);
}

} // namespace

bool WalWriteCoalescer::install()
{
    static const bool installed = [] {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real || g_real->iVersion < 2 || !g_real->xCurrentTimeInt64)
            return false;
        static sqlite3_vfs vfs{};
        vfs.iVersion = 2;
        vfs.szOsFile = int(sizeof(File)) + g_real->szOsFile;
        vfs.mxPathname = g_real->mxPathname;
        vfs.zName = "inlet-wal-coalescing";
        vfs.xOpen = xOpen;
        vfs.xDelete = xDelete;
        vfs.xAccess = xAccess;
        vfs.xFullPathname = xFullPathname;
        vfs.xDlOpen = xDlOpen;
        vfs.xDlError = xDlError;
        vfs.xDlSym = xDlSym;
        vfs.xDlClose = xDlClose;
        vfs.xRandomness = xRandomness;
        vfs.xSleep = xSleep;
        vfs.xCurrentTime = xCurrentTime;
        vfs.xGetLastError = xGetLastError;
        vfs.xCurrentTimeInt64 = xCurrentTimeInt64;
        return sqlite3_vfs_register(&vfs, 1) == SQLITE_OK;
    }();
    return installed;
}

WalWriteCoalescer::Stats WalWriteCoalescer::stats()
{
    return {g_requested.load(std::memory_order_relaxed), g_issued.load(std::memory_order_relaxed)};
}

} // namespace inlet
