#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "config/ConfigRepository.h"
#include "store/Database.h"
#include "store/DatabaseCopier.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {
namespace {

// A connection closed when the command ends, whatever path it takes.
class Connection final
{
public:
    explicit Connection(const QString &prefix)
        : name(Database::uniqueConnectionName(prefix))
    {}
    ~Connection()
    {
        db = QSqlDatabase();
        Database::close(name);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool open(const QString &url, QString *error)
    {
        const DatabaseUrl parsed = DatabaseUrl::parse(url);
        if (!parsed.isValid()) {
            *error = parsed.error;
            return false;
        }
        db = Database::open(parsed, name, error);
        return db.isValid();
    }

    QString name;
    QSqlDatabase db;
};

// `migrate --check`: what a deployment runs before starting new binaries.
int check(CliContext &ctx)
{
    Connection c(u"migrate-check"_s);
    QString error;
    const DatabaseUrl url = ctx.databaseUrl();
    if (!url.isValid())
        return ctx.fail(url.error);
    c.db = Database::open(url, c.name, &error);
    if (!c.db.isValid())
        return ctx.fail(error);
    const int stored = Database::storedVersion(c.db, &error);
    if (stored < 0)
        return ctx.fail(error);
    const int latest = Database::schemaVersion();
    if (stored > latest)
        return ctx.fail(u"the database has schema version %1, newer than this program's %2"_s.arg(stored).arg(latest));
    const int pending = latest - stored;
    if (ctx.json()) {
        ctx.out() << QString::fromUtf8(QJsonDocument(QJsonObject{{u"database"_s, url.display()},
                                                                 {u"version"_s, stored},
                                                                 {u"latest"_s, latest},
                                                                 {u"pending"_s, pending}})
                                           .toJson(QJsonDocument::Compact))
                  << Qt::endl;
    } else if (pending == 0) {
        ctx.out() << "schema version " << stored << " is up to date" << Qt::endl;
    } else {
        ctx.out() << "schema version " << stored << ", this program's " << latest << ": " << pending
                  << " pending migration" << (pending == 1 ? "" : "s") << " (run 'inletd migrate')" << Qt::endl;
    }
    return pending == 0 ? Ok : Failure;
}

// `migrate --from URL --to URL`: copies a whole database (SQLite to PostgreSQL).
int copy(CliContext &ctx, const QString &fromUrl, const QString &toUrl)
{
    Connection from(u"migrate-from"_s);
    Connection to(u"migrate-to"_s);
    QString error;
    if (!from.open(fromUrl, &error))
        return ctx.fail(u"--from: "_s + error);
    if (!to.open(toUrl, &error))
        return ctx.fail(u"--to: "_s + error);
    // Both at this program's schema: the copy maps columns by name.
    if (!Database::migrate(from.db, &error))
        return ctx.fail(u"--from: "_s + error);
    if (!Database::migrate(to.db, &error))
        return ctx.fail(u"--to: "_s + error);
    DatabaseCopier copier(from.db, to.db);
    qint64 total = 0;
    copier.setProgress([&](const QString &table, qint64 rows) {
        total += rows;
        if (!ctx.json())
            ctx.out() << table << ": " << rows << " rows" << Qt::endl;
    });
    if (!copier.copy(&error))
        return ctx.fail(error);
    if (ctx.json())
        ctx.out() << QString::fromUtf8(QJsonDocument(QJsonObject{{u"from"_s, DatabaseUrl::parse(fromUrl).display()},
                                                                 {u"to"_s, DatabaseUrl::parse(toUrl).display()},
                                                                 {u"rows"_s, total}})
                                           .toJson(QJsonDocument::Compact))
                  << Qt::endl;
    else
        ctx.out() << "copied " << total << " rows to " << DatabaseUrl::parse(toUrl).display() << Qt::endl;
    return Ok;
}

} // namespace

int runMigrate(CliContext &ctx)
{
    if (!ctx.args().isEmpty())
        return ctx.usage(u"migrate takes no arguments (options: --check, or --from URL --to URL)"_s);
    const bool hasFrom = ctx.parser().isSet(u"from"_s);
    const bool hasTo = ctx.parser().isSet(u"to"_s);
    if (hasFrom != hasTo)
        return ctx.usage(u"migrate needs both --from URL and --to URL"_s);
    if (hasFrom) {
        if (ctx.parser().isSet(u"check"_s))
            return ctx.usage(u"--check does not go with --from/--to"_s);
        return copy(ctx, ctx.parser().value(u"from"_s), ctx.parser().value(u"to"_s));
    }
    if (ctx.parser().isSet(u"check"_s))
        return check(ctx);
    // The version before, to say what was done: an upgrade of a large log
    // can take minutes, and "up to date" alone hid that it happened.
    int before = 0; // a database that cannot be opened yet (no data directory) is created
    QString error;
    {
        Connection c(u"migrate-before"_s);
        const DatabaseUrl url = ctx.databaseUrl();
        if (url.isValid()) {
            c.db = Database::open(url, c.name, &error);
            if (c.db.isValid())
                before = Database::storedVersion(c.db, &error);
        }
        error.clear();
    }
    QElapsedTimer timer;
    timer.start();
    if (!ctx.openDatabase(&error)) // applies pending migrations
        return ctx.fail(error);
    const int latest = Database::schemaVersion();
    if (before == 0)
        ctx.out() << "created the schema, version " << latest << Qt::endl;
    else if (before > 0 && before < latest)
        ctx.out() << "upgraded the schema from version " << before << " to " << latest << " in "
                  << QString::number(double(timer.elapsed()) / 1000, 'f', 1) << " s" << Qt::endl;
    else
        ctx.out() << "schema version " << latest << " is up to date" << Qt::endl;
    return Ok;
}

} // namespace inlet::cli
