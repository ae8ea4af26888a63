// libFuzzer target: the configuration loader (Configuration::parse with the
// built-in templates), as `inletd config import` and the GUI run it. What
// parses must compile into a snapshot, and its export (with secrets) must
// parse again: a file Inlet wrote is a file Inlet reads.
#include "config/ConfigSnapshot.h"
#include "config/Configuration.h"
#include "config/TemplateRegistry.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "invariant failed: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = QByteArrayView(data, qsizetype(size)).toByteArray();
    const QSet<QString> known = {u"development"_s, u"production"_s};
    inlet::ConfigErrors errors;
    const auto config = inlet::Configuration::parse(json, inlet::TemplateRegistry::instance(), known, errors);
    check(config.has_value() == errors.joined().isEmpty(), "parse fails exactly when it reports errors");
    if (!config)
        return 0;
    const auto snapshot = inlet::ConfigSnapshot::build(*config, 1);
    check(snapshot != nullptr, "snapshot builds");

    const QByteArray exported = QJsonDocument(config->toJson(true)).toJson(QJsonDocument::Compact);
    inlet::ConfigErrors again;
    const auto reparsed = inlet::Configuration::parse(exported, inlet::TemplateRegistry::instance(), known, again);
    if (!reparsed)
        std::fprintf(stderr, "export does not re-import: %s\n%s\n", qPrintable(again.joined()), exported.constData());
    check(reparsed.has_value(), "an export parses again");
    return 0;
}
