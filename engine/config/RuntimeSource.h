#pragma once

#include "config/SourceConfig.h"
#include "mapping/PathExpression.h"

#include <QHash>

namespace inlet {

// A source configuration prepared for the hot path: its paths compiled and
// its mappings grouped by event type in execution order (SPEC 9.1).
struct RuntimeSource
{
    SourceConfig config;
    QString sourceName;
    QString templateKey;
    PathExpression eventTypePath;
    PathExpression timestampPath;      // invalid when none
    PathExpression idempotencyKeyPath; // invalid when idempotency is off
    QHash<QString, QList<MappingConfig>> mappingsByType;

    explicit RuntimeSource(SourceConfig sc, QString name, QString tpl);
    // Mappings of `eventType` in execution order (empty list if none).
    const QList<MappingConfig> &mappingsFor(const QString &eventType) const;
    bool hasActiveMapping(const QString &eventType) const;
};

} // namespace inlet
