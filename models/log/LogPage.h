#pragma once

#include <QString>

#include <memory>

namespace inlet {

class LogPage;
using LogPagePtr = std::shared_ptr<LogPage>;

// One page of log rows, newest first, as the page cache sees it: the cache
// (LogTableModel) knows only keys; the row type belongs to the model
// (LogRowsPage). `other` is always a page of the same model.
class LogPage
{
public:
    virtual ~LogPage() = default;
    virtual int size() const = 0;
    virtual qint64 seq(int row) const = 0;
    virtual QString id(int row) const = 0;
    virtual LogPagePtr mid(int from, int count) const = 0;
    virtual void prepend(const LogPage &other) = 0;
    // Copies row `from` of `other` over `row` when they differ (a status that
    // moved on); returns whether it changed.
    virtual bool update(int row, const LogPage &other, int from) = 0;
};

} // namespace inlet
