#pragma once

#include "logs/EventRecord.h"

namespace inlet {

// "Copy as curl": a shell command that sends a logged event again to
// `baseUrl`, with its method, path, query, headers (less those curl sets
// itself and those the log redacted) and body as stored.
namespace curlcommand {
QString build(const EventRecord &event, const QString &baseUrl);
QString shellQuote(const QString &text);
} // namespace curlcommand

} // namespace inlet
