#pragma once

#include "mapping/PathSegment.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>
#include <vector>

namespace inlet {

// The text of a value inside a JSON document, found by scanning the document
// rather than by building it: a mapping that copies a whole object of the
// body (a workflow's `data`) stores the sender's own text, without the
// insignificant whitespace, instead of serialising Qt's parsed copy of it,
// which cost more than the rest of resolving the event.
//
// The document must be JSON that QJsonDocument accepted (the scanner checks
// bounds, not grammar). Keys match as Qt's objects do: the last of duplicate
// members wins. A key written with escapes on the way makes find() give up
// (std::nullopt), and the caller serialises the parsed value instead.
class JsonSpan final
{
public:
    // The value at `segments` (keys and indices; no wildcards) from the
    // document's root; std::nullopt when it is not there or cannot be told.
    static std::optional<QByteArrayView> find(QByteArrayView document, const std::vector<PathSegment> &segments);

    // `span` without whitespace outside its strings. A span that is all of
    // `document` and has none comes back as `document`, shared, not copied.
    static QByteArray compact(const QByteArray &document, QByteArrayView span);
};

} // namespace inlet
