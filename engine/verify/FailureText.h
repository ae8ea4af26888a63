#pragma once

#include <QByteArrayView>
#include <QString>

namespace inlet {

// Pieces of the human-readable failure reasons shared by every scheme. A
// reason must let the user fix the problem, so it shows what was received
// (shortened) and what was expected (the recipe), never a secret or a full
// expected signature.
class FailureText final
{
public:
    // The first characters of a received value, e.g. `"a629f6b6..."`, quoted;
    // bytes outside printable ASCII show as '?'.
    static QString preview(QByteArrayView value, qsizetype keep = 8);
    // A whole number with thousands separators: 3612 -> "3,612".
    static QString count(qint64 n);
    // A duration in milliseconds as seconds: "301 s", or "180.539 s" when it
    // is not a whole second (millisecond schemes).
    static QString seconds(qint64 ms);
    // "3,612 s old" / "301 s in the future".
    static QString skew(qint64 ageMs);
    // "1 secret" / "2 secrets": rotation problems show up as the count.
    static QString secrets(qsizetype n);
};

} // namespace inlet
