#pragma once

#include <QLatin1StringView>
#include <QStringView>
#include <QtGlobal>

namespace inlet {

// The four parts of the evaluation document (SPEC section 4). Every path
// starts with one of them.
enum class PathRoot : quint8 { Body, Headers, Query, Preprocess };

inline QLatin1StringView pathRootName(PathRoot root)
{
    switch (root) {
    case PathRoot::Body:
        return QLatin1StringView("body");
    case PathRoot::Headers:
        return QLatin1StringView("headers");
    case PathRoot::Query:
        return QLatin1StringView("query");
    case PathRoot::Preprocess:
        return QLatin1StringView("preprocess");
    }
    Q_UNREACHABLE();
}

} // namespace inlet
