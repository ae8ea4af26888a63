#pragma once

namespace inlet::cli {

class CliContext;

int runServe(CliContext &ctx);
int runConfig(CliContext &ctx);
int runSources(CliContext &ctx);
int runTemplates(CliContext &ctx);
int runEvents(CliContext &ctx);
int runActions(CliContext &ctx);
int runShow(CliContext &ctx);
int runReplay(CliContext &ctx);
int runRehearse(CliContext &ctx);
int runData(CliContext &ctx);
int runStats(CliContext &ctx);
int runMigrate(CliContext &ctx);

// Imports a configuration file into the context's database; shared by
// `config import` and `serve --config`.
int importConfigFile(CliContext &ctx, const QString &file, bool quiet);

} // namespace inlet::cli
