#pragma once

#include "models/log/LogPage.h"

#include <QList>

namespace inlet {

// A LogPage over the model's own row type. `Traits` gives
// `static qint64 seq(const Row &)`, `static QString id(const Row &)` and
// `static bool same(const Row &, const Row &)`.
template <typename Row, typename Traits>
class LogRowsPage final : public LogPage
{
public:
    LogRowsPage() = default;
    explicit LogRowsPage(QList<Row> rows)
        : m_rows(std::move(rows))
    {}

    const QList<Row> &rows() const { return m_rows; }
    const Row &at(int row) const { return m_rows.at(row); }

    int size() const override { return int(m_rows.size()); }
    qint64 seq(int row) const override { return Traits::seq(m_rows.at(row)); }
    QString id(int row) const override { return Traits::id(m_rows.at(row)); }
    LogPagePtr mid(int from, int count) const override
    {
        return std::make_shared<LogRowsPage>(m_rows.mid(from, count));
    }
    void prepend(const LogPage &other) override { m_rows = static_cast<const LogRowsPage &>(other).m_rows + m_rows; }
    bool update(int row, const LogPage &other, int from) override
    {
        const Row &fresh = static_cast<const LogRowsPage &>(other).m_rows.at(from);
        if (Traits::same(m_rows.at(row), fresh))
            return false;
        m_rows[row] = fresh;
        return true;
    }

private:
    QList<Row> m_rows;
};

} // namespace inlet
