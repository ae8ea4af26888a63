#include "cli/CliContext.h"
#include "cli/Commands.h"

#include <QCoreApplication>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace inlet::cli;

int main(int argc, char **argv)
{
    // Qt's own event dispatcher serves sockets measurably faster than the
    // GLib one, and inletd needs no GLib integration.
    qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"inlet"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(INLET_VERSION));

    CliContext ctx;
    if (!ctx.parse(QCoreApplication::arguments()))
        return Usage;
    if (ctx.parser().isSet(u"help"_s)) {
        ctx.out() << ctx.parser().helpText();
        ctx.out().flush();
        return Ok;
    }
    if (ctx.parser().isSet(u"version"_s)) {
        ctx.out() << "inletd " << INLET_VERSION << Qt::endl;
        return Ok;
    }
    static const QHash<QString, std::function<int(CliContext &)>> commands = {
        {u"serve"_s, runServe},         {u"config"_s, runConfig}, {u"sources"_s, runSources},
        {u"templates"_s, runTemplates}, {u"events"_s, runEvents}, {u"actions"_s, runActions},
        {u"show"_s, runShow},           {u"replay"_s, runReplay}, {u"rehearse"_s, runRehearse},
        {u"data"_s, runData},           {u"stats"_s, runStats},   {u"migrate"_s, runMigrate},
    };
    const QString command = ctx.command();
    if (command.isEmpty())
        return ctx.usage(u"no command given"_s);
    const auto it = commands.constFind(command);
    if (it == commands.constEnd())
        return ctx.usage(u"unknown command '%1'"_s.arg(command));
    return (*it)(ctx);
}
