#pragma once

#include <QString>
#include <QtGlobal>

namespace inlet {

// One pre-parsed step of a compiled path. Paths are parsed once into a vector
// of these so evaluation never touches the path text again.
struct PathSegment
{
    enum class Kind : quint8 {
        Key,      // object member (bare or quoted in the text)
        Index,    // [N]
        Wildcard, // [*]
    };

    Kind kind = Kind::Key;
    qsizetype index = 0; // only for Index
    QString key;         // only for Key

    friend bool operator==(const PathSegment &, const PathSegment &) = default;
};

} // namespace inlet
