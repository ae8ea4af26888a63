#include "cli/Table.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace inlet::cli {

Table::Table(QStringList columns)
    : m_columns(std::move(columns))
{}

void Table::addRow(QStringList cells, QJsonObject json)
{
    m_rows.append(std::move(cells));
    m_json.append(std::move(json));
}

void Table::print(QTextStream &out, bool json) const
{
    if (json) {
        for (const QJsonObject &o : m_json)
            out << compactJson(o) << '\n';
        out.flush();
        return;
    }
    constexpr int kMaxWidth = 60;
    QList<int> widths;
    for (const QString &c : m_columns)
        widths.append(int(c.size()));
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = qMin(kMaxWidth, qMax(widths[i], int(row[i].size())));
    }
    auto line = [&](const QStringList &cells) {
        QString s;
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            QString cell = i < cells.size() ? cells[i] : QString();
            cell.replace(u'\n', u' ');
            // The last column is not aligned, so it is never cut: it often
            // holds what users copy (an ingest URL, a status detail).
            if (cell.size() > kMaxWidth && i + 1 < m_columns.size())
                cell = cell.left(kMaxWidth - 3) + u"..."_s;
            s += i + 1 < m_columns.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        out << s.trimmed() << '\n';
    };
    line(m_columns);
    for (const QStringList &row : m_rows)
        line(row);
    out.flush();
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString shortTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

} // namespace inlet::cli
