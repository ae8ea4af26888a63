#pragma once

#include "models/log/LogPage.h"

#include <QHash>
#include <QList>

namespace inlet {

// The row space of a log table as a list of segments (pages), newest first,
// and an LRU cache of the pages actually loaded. A segment is a keyset
// range: its rows are `seq < upper ORDER BY seq DESC LIMIT count`, so any
// page can be (re)loaded on its own. Ids are stable while the list changes
// (tail pages are prepended, bounds replace guesses), so replies and cached
// pages follow their segment, not a row number.
class LogPageCache final
{
public:
    static constexpr qint64 kNewest = 0; // upper bound of a page read from the newest row

    struct Segment
    {
        int id = 0;
        qint64 upper = kNewest;
        int count = 0;
        bool provisional = false; // count is a guess (a page past what is known)
        bool tail = false;        // made of live-tail rows; may grow up to a page
    };

    void clear();
    int rowCount() const { return m_rows; }
    int segmentCount() const { return int(m_segments.size()); }
    const Segment &segment(int index) const { return m_segments.at(index); }
    int start(int index) const; // first row of the segment
    int segmentAt(int row) const;
    int indexOf(int id) const;
    int indexOfSeq(qint64 seq) const; // the segment whose range holds `seq`, -1 if none

    Segment make(qint64 upper, int count, bool provisional, bool tail);
    void insert(int index, const Segment &segment);
    void remove(int index);
    void setCount(int index, int count);
    void setUpper(int index, qint64 upper);
    void setProvisional(int index, bool provisional);
    // Replaces segments [from, end) with `segments`; pages of ids that are gone are dropped.
    void replaceFrom(int from, const QList<Segment> &segments);

    LogPage *page(int id) const;
    // Stores a page, dropping the least recently used beyond maxPages().
    void setPage(int id, LogPagePtr page);
    void touch(int id);
    void setMaxPages(int pages) { m_maxPages = pages; }
    int maxPages() const { return m_maxPages; }
    int pageCount() const { return int(m_pages.size()); }
    int cachedRows() const;

private:
    void dirty() { m_startsValid = false; }

    QList<Segment> m_segments;
    mutable QList<int> m_starts;
    mutable bool m_startsValid = true;
    int m_rows = 0;
    int m_nextId = 1;
    int m_maxPages = 12;
    QHash<int, LogPagePtr> m_pages;
    QList<int> m_lru; // least recent first
};

} // namespace inlet
