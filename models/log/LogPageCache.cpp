#include "models/log/LogPageCache.h"

#include <QSet>

#include <algorithm>

namespace inlet {

void LogPageCache::clear()
{
    m_segments.clear();
    m_starts.clear();
    m_startsValid = true;
    m_rows = 0;
    m_pages.clear();
    m_lru.clear();
}

int LogPageCache::start(int index) const
{
    if (!m_startsValid) {
        m_starts.resize(m_segments.size());
        int row = 0;
        for (qsizetype i = 0; i < m_segments.size(); ++i) {
            m_starts[i] = row;
            row += m_segments.at(i).count;
        }
        m_startsValid = true;
    }
    return m_starts.at(index);
}

int LogPageCache::segmentAt(int row) const
{
    if (row < 0 || row >= m_rows || m_segments.isEmpty())
        return -1;
    start(0); // make sure the starts are current
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), row);
    int index = int(it - m_starts.cbegin()) - 1;
    while (index > 0 && m_segments.at(index).count == 0)
        --index;
    return index;
}

int LogPageCache::indexOf(int id) const
{
    for (qsizetype i = 0; i < m_segments.size(); ++i) {
        if (m_segments.at(i).id == id)
            return int(i);
    }
    return -1;
}

int LogPageCache::indexOfSeq(qint64 seq) const
{
    // Uppers decrease down the list; segment i holds [upper(i + 1), upper(i)).
    for (qsizetype i = 0; i < m_segments.size(); ++i) {
        const Segment &s = m_segments.at(i);
        if (s.upper != kNewest && seq >= s.upper)
            return -1;
        const bool last = i + 1 == m_segments.size();
        if (last || seq >= m_segments.at(i + 1).upper)
            return int(i);
    }
    return -1;
}

LogPageCache::Segment LogPageCache::make(qint64 upper, int count, bool provisional, bool tail)
{
    return Segment{m_nextId++, upper, count, provisional, tail};
}

void LogPageCache::insert(int index, const Segment &segment)
{
    m_segments.insert(index, segment);
    m_rows += segment.count;
    dirty();
}

void LogPageCache::remove(int index)
{
    const Segment s = m_segments.takeAt(index);
    m_rows -= s.count;
    m_pages.remove(s.id);
    m_lru.removeOne(s.id);
    dirty();
}

void LogPageCache::setCount(int index, int count)
{
    m_rows += count - m_segments.at(index).count;
    m_segments[index].count = count;
    dirty();
}

void LogPageCache::setUpper(int index, qint64 upper)
{
    m_segments[index].upper = upper;
}

void LogPageCache::setProvisional(int index, bool provisional)
{
    m_segments[index].provisional = provisional;
}

void LogPageCache::replaceFrom(int from, const QList<Segment> &segments)
{
    QSet<int> kept;
    for (const Segment &s : segments)
        kept.insert(s.id);
    for (qsizetype i = m_segments.size() - 1; i >= from; --i) {
        const Segment s = m_segments.takeAt(i);
        m_rows -= s.count;
        if (!kept.contains(s.id)) {
            m_pages.remove(s.id);
            m_lru.removeOne(s.id);
        }
    }
    for (const Segment &s : segments) {
        m_segments.append(s);
        m_rows += s.count;
    }
    dirty();
}

LogPage *LogPageCache::page(int id) const
{
    return m_pages.value(id).get();
}

void LogPageCache::setPage(int id, LogPagePtr page)
{
    m_pages.insert(id, std::move(page));
    touch(id);
    while (m_pages.size() > m_maxPages && !m_lru.isEmpty())
        m_pages.remove(m_lru.takeFirst());
}

void LogPageCache::touch(int id)
{
    if (!m_lru.isEmpty() && m_lru.constLast() == id)
        return;
    m_lru.removeOne(id);
    m_lru.append(id);
}

int LogPageCache::cachedRows() const
{
    int rows = 0;
    for (const LogPagePtr &p : m_pages)
        rows += p->size();
    return rows;
}

} // namespace inlet
