#include "cli/CliContext.h"
#include "cli/Commands.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {

int runData(CliContext &ctx)
{
    return ctx.fail(u"data: not built yet"_s);
}

} // namespace inlet::cli
