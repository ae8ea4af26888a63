#pragma once

#include "verify/VerificationResult.h"

#include <optional>

namespace inlet {

// The replay window of the timestamped schemes. A tolerance of 0 turns the
// check off (as in Stripe's libraries), so an operator can disable it per
// source configuration while a clock is being fixed.
class TimestampWindow final
{
public:
    struct Check
    {
        qint64 timestampMs = 0;
        qint64 nowMs = 0;
        int toleranceS = 0;
        bool rejectFuture = false; // Stripe accepts timestamps ahead of the clock
        // The timestamp is unix seconds: the clock is read in whole seconds,
        // as the providers' libraries do (Math.floor(Date.now() / 1000)), so
        // the window's edge is theirs and a skew is whole.
        bool wholeSeconds = false;
        QString tooOldCode;
        QString tooNewCode;
        QString where; // what the timestamp came from, e.g. "t=1735689600 in Stripe-Signature"
        QString hint;  // extra advice, e.g. a unit mix-up; may be empty
    };

    // nullopt when the timestamp is inside the window.
    static std::optional<VerificationResult> check(const Check &c);

    // Milliseconds of a header timestamp, saturated so absurd values stay
    // comparable instead of overflowing.
    static qint64 secondsToMs(qint64 s);
};

} // namespace inlet
