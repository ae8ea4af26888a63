#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Table.h"
#include "config/ConfigRepository.h"
#include "ingest/Replayer.h"
#include "util/Ulid.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {
namespace {

std::shared_ptr<const ConfigSnapshot> loadSnapshot(CliContext &ctx, QString *error)
{
    ConfigRepository repo(ctx.db());
    auto config = repo.load(error);
    if (!config)
        return nullptr;
    return ConfigSnapshot::build(std::move(*config), repo.version());
}

int printResult(CliContext &ctx, const Replayer::Result &r, bool rehearsal)
{
    if (ctx.json()) {
        QJsonObject o = r.event.toJson(false);
        QJsonArray actions;
        for (const ActionRecord &a : r.actions)
            actions.append(a.toJson());
        o.insert(u"actions"_s, actions);
        if (rehearsal)
            o.insert(u"dry_run"_s, true);
        ctx.out() << compactJson(o) << Qt::endl;
        return Ok;
    }
    QTextStream &out = ctx.out();
    if (rehearsal)
        out << "Rehearsal (nothing was executed or logged)\n";
    else
        out << "Replayed " << r.event.replayOf << " as " << r.event.id << "\n";
    out << "  event type  " << (r.event.eventType.isEmpty() ? u"-"_s : r.event.eventType) << "\n";
    out << "  status      " << r.event.status
        << (r.event.statusDetail.isEmpty() ? QString() : u": "_s + r.event.statusDetail) << "\n";
    for (const ActionRecord &a : r.actions) {
        out << "  " << a.actionType << "  " << (rehearsal ? u"would be "_s : QString()) << a.status;
        if (!a.error.isEmpty())
            out << ": " << a.error;
        out << "\n    payload " << compactJson(a.actionPayload) << "\n";
        if (!a.actionResult.isEmpty())
            out << "    result  " << compactJson(a.actionResult) << "\n";
    }
    out.flush();
    return Ok;
}

} // namespace

int runReplay(CliContext &ctx)
{
    if (ctx.args().size() != 1)
        return ctx.usage(u"usage: inletd replay EVENT_ID"_s);
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    const auto snapshot = loadSnapshot(ctx, &error);
    if (!snapshot)
        return ctx.fail(error);
    UlidGenerator ids;
    const auto result = Replayer(ctx.db(), ids).replay(ctx.args().first(), *snapshot, &error);
    if (!result)
        return ctx.fail(error);
    return printResult(ctx, *result, false);
}

int runRehearse(CliContext &ctx)
{
    const QString source = ctx.parser().value(u"source"_s);
    const QString env = ctx.parser().value(u"env"_s);
    if (ctx.args().size() != 1 || source.isEmpty() || env.isEmpty())
        return ctx.usage(u"usage: inletd rehearse --source KEY --env ENV FILE"_s);
    QFile f(ctx.args().first());
    if (!f.open(QIODevice::ReadOnly))
        return ctx.fail(u"cannot read %1: %2"_s.arg(f.fileName(), f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject())
        return ctx.fail(
            u"%1: %2"_s.arg(f.fileName(), pe.error != QJsonParseError::NoError
                                              ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                                              : u"expected a JSON object"_s));
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    const auto snapshot = loadSnapshot(ctx, &error);
    if (!snapshot)
        return ctx.fail(error);
    UlidGenerator ids;
    const auto result = Replayer(ctx.db(), ids).rehearse(source, env, doc.object(), *snapshot, &error);
    if (!result)
        return ctx.fail(error);
    return printResult(ctx, *result, true);
}

} // namespace inlet::cli
