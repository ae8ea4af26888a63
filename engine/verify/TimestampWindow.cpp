#include "verify/TimestampWindow.h"

#include "verify/FailureText.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

std::optional<VerificationResult> TimestampWindow::check(const Check &c)
{
    if (c.toleranceS <= 0)
        return std::nullopt;
    const qint64 toleranceMs = qint64(c.toleranceS) * 1000;
    const qint64 nowMs = c.wholeSeconds ? c.nowMs - c.nowMs % 1000 : c.nowMs;
    const qint64 ageMs = nowMs - c.timestampMs;
    const bool tooOld = ageMs > toleranceMs;
    const bool tooNew = c.rejectFuture && -ageMs > toleranceMs;
    if (!tooOld && !tooNew)
        return std::nullopt;
    QString reason =
        u"timestamp %1, tolerance %2 (%3)"_s.arg(FailureText::skew(ageMs), FailureText::seconds(toleranceMs), c.where);
    if (!c.hint.isEmpty())
        reason += u"; "_s + c.hint;
    reason += u"; check the clocks of the sender and of this server, or raise tolerance_s"_s;
    return VerificationResult::failed(tooOld ? c.tooOldCode : c.tooNewCode, reason);
}

qint64 TimestampWindow::secondsToMs(qint64 s)
{
    // 9e12 s is about 285,000 years: far outside any tolerance either way.
    constexpr qint64 limit = 9'000'000'000'000;
    return qBound(-limit, s, limit) * 1000;
}

} // namespace inlet
