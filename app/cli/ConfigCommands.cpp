#include "cli/CliContext.h"
#include "cli/Commands.h"
#include "cli/Table.h"
#include "config/ConfigRepository.h"
#include "config/TemplateRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {

int importConfigFile(CliContext &ctx, const QString &file, bool quiet)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return ctx.fail(u"cannot read %1: %2"_s.arg(file, f.errorString()));
    ConfigRepository repo(ctx.db());
    ConfigErrors errors;
    const auto config = Configuration::parse(f.readAll(), TemplateRegistry::instance(), repo.environmentKeys(), errors);
    if (!config) {
        QStringList lines;
        for (const QString &e : errors.list())
            lines.append(file + u": "_s + e);
        return ctx.fail(u"configuration not imported (nothing was changed):\n"_s + lines.join(u'\n'));
    }
    QString error;
    if (!repo.apply(*config, &error))
        return ctx.fail(u"%1: configuration not imported (nothing was changed): %2"_s.arg(file, error));
    if (!quiet) {
        int configs = 0;
        for (const SourceDefinition &d : config->sources)
            configs += int(d.configs.size());
        if (ctx.json())
            ctx.out() << compactJson({{u"imported"_s, file},
                                      {u"environments"_s, int(config->environments.size())},
                                      {u"sources"_s, int(config->sources.size())},
                                      {u"source_configurations"_s, configs}})
                      << Qt::endl;
        else
            ctx.out() << "imported " << file << ": " << config->sources.size() << " sources, " << configs
                      << " source configurations" << Qt::endl;
    }
    return Ok;
}

namespace {

int exportConfig(CliContext &ctx)
{
    ConfigRepository repo(ctx.db());
    QString error;
    const auto config = repo.load(&error);
    if (!config)
        return ctx.fail(error);
    const QString env = ctx.parser().value(u"env"_s);
    if (!env.isEmpty() && !repo.environmentKeys().contains(env))
        return ctx.fail(u"unknown environment '%1'"_s.arg(env));
    const bool secrets = ctx.parser().isSet(u"include-secrets"_s);
    const QByteArray text = QJsonDocument(config->toJson(secrets, env)).toJson(QJsonDocument::Indented);
    if (ctx.parser().isSet(u"output"_s)) {
        QSaveFile out(ctx.parser().value(u"output"_s));
        if (!out.open(QIODevice::WriteOnly))
            return ctx.fail(u"cannot write %1: %2"_s.arg(out.fileName(), out.errorString()));
        if (secrets)
            out.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        out.write(text);
        if (!out.commit())
            return ctx.fail(u"cannot write %1: %2"_s.arg(out.fileName(), out.errorString()));
        return Ok;
    }
    // Secrets redirected into a file: make that file owner-only too.
    struct stat st
    {
    };
    if (secrets && ::fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
        ::fchmod(STDOUT_FILENO, S_IRUSR | S_IWUSR);
    ctx.out() << QString::fromUtf8(text);
    ctx.out().flush();
    return Ok;
}

} // namespace

int runConfig(CliContext &ctx)
{
    const QStringList args = ctx.args();
    if (args.isEmpty())
        return ctx.usage(u"config needs a subcommand: import FILE | export"_s);
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    if (args.first() == u"import"_s) {
        if (args.size() != 2)
            return ctx.usage(u"usage: inletd config import FILE"_s);
        return importConfigFile(ctx, args.at(1), false);
    }
    if (args.first() == u"export"_s)
        return exportConfig(ctx);
    return ctx.usage(u"unknown config subcommand '%1' (import, export)"_s.arg(args.first()));
}

int runSources(CliContext &ctx)
{
    QString error;
    if (!ctx.openDatabase(&error))
        return ctx.fail(error);
    ConfigRepository repo(ctx.db());
    const auto config = repo.load(&error);
    if (!config)
        return ctx.fail(error);
    const QString env = ctx.parser().value(u"env"_s);
    Table table({u"SOURCE"_s, u"ENV"_s, u"TEMPLATE"_s, u"MAPPINGS"_s, u"INGEST URL"_s});
    for (const SourceDefinition &d : config->sources) {
        for (const SourceConfig &sc : d.configs) {
            if (!env.isEmpty() && sc.env != env)
                continue;
            const QString url = ctx.ingestBase() + u"/integrations/receive/"_s + sc.token;
            QJsonObject row{{u"source"_s, d.key},
                            {u"name"_s, d.name},
                            {u"environment"_s, sc.env},
                            {u"template"_s, d.templateKey},
                            {u"ingest_url"_s, url},
                            {u"token"_s, sc.token},
                            {u"verification"_s, sc.settings.verification.scheme},
                            {u"mappings"_s, int(sc.mappings.size())},
                            {u"has_write_key"_s, !sc.settings.writeKey.isEmpty()},
                            {u"has_api_key"_s, !sc.settings.apiKey.isEmpty()}};
            table.addRow({d.key, sc.env, d.templateKey, QString::number(sc.mappings.size()), url}, row);
        }
    }
    table.print(ctx.out(), ctx.json());
    return Ok;
}

int runTemplates(CliContext &ctx)
{
    const TemplateRegistry &registry = TemplateRegistry::instance();
    Table table({u"KEY"_s, u"NAME"_s, u"CATEGORY"_s, u"VERIFICATION"_s, u"EVENT TYPE"_s, u"DEFAULT MAPPINGS"_s});
    for (const Template &t : registry.all()) {
        table.addRow({t.key, t.name, t.category, t.settings.verification.scheme, t.settings.eventTypePath,
                      QString::number(t.defaultMappings.size())},
                     t.toJson());
    }
    table.print(ctx.out(), ctx.json());
    if (!registry.errors().isEmpty())
        return ctx.fail(u"broken templates: "_s + registry.errors().join(u"; "_s));
    return Ok;
}

} // namespace inlet::cli
