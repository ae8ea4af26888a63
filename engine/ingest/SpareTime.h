#pragma once

#include <QtGlobal>

namespace inlet {

// The share of its time a worker spent waiting for work, over the last
// complete window: what background work may take without holding requests
// behind it. Times are a monotonic clock's nanoseconds.
class SpareTime final
{
public:
    explicit SpareTime(qint64 windowNs = 1'000'000'000);

    // Waited for work from `fromNs` to `toNs`.
    void waited(qint64 fromNs, qint64 toNs);
    // Closes the window once it is long enough (called often, waiting or not).
    void tick(qint64 nowNs);
    // The last complete window's share spent waiting; 1 before the first.
    double share() const { return m_share; }

private:
    qint64 m_windowNs;
    qint64 m_start = -1;
    qint64 m_waited = 0;
    double m_share = 1.0;
};

} // namespace inlet
