#pragma once

#include <QLatin1StringView>

namespace inlet::valuespec {

// The keys of a parameter value's object forms (SPEC 9.2): ValueSpec parses
// them, the configuration and the mapping editor write them. constexpr, so
// they are usable from any static initializer.
inline constexpr QLatin1StringView pathKey("path");
inline constexpr QLatin1StringView defaultKey("default");
inline constexpr QLatin1StringView valueKey("value");
inline constexpr QLatin1StringView templateKey("template");
inline constexpr QLatin1StringView coalesceKey("coalesce");

} // namespace inlet::valuespec
