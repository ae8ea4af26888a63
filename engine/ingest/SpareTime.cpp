#include "ingest/SpareTime.h"

#include <algorithm>

namespace inlet {

SpareTime::SpareTime(qint64 windowNs)
    : m_windowNs(windowNs)
{}

void SpareTime::waited(qint64 fromNs, qint64 toNs)
{
    tick(fromNs); // a wait belongs to the window it started in, up to its end
    m_waited += toNs - fromNs;
    tick(toNs);
}

void SpareTime::tick(qint64 nowNs)
{
    if (m_start < 0) {
        m_start = nowNs;
        return;
    }
    const qint64 elapsed = nowNs - m_start;
    if (elapsed < m_windowNs)
        return;
    m_share = std::clamp(double(m_waited) / double(elapsed), 0.0, 1.0);
    m_start = nowNs;
    m_waited = 0;
}

} // namespace inlet
