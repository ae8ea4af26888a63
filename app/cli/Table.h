#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QTextStream>

namespace inlet::cli {

// A human-readable table; or, with --json, the same rows as one JSON object
// per line.
class Table final
{
public:
    explicit Table(QStringList columns);
    void addRow(QStringList cells, QJsonObject json);
    void print(QTextStream &out, bool json) const;
    bool isEmpty() const { return m_rows.isEmpty(); }

private:
    QStringList m_columns;
    QList<QStringList> m_rows;
    QList<QJsonObject> m_json;
};

QString compactJson(const QJsonObject &o);
QString shortTime(qint64 ms); // "2025-01-01 12:00:01.204" UTC

} // namespace inlet::cli
