#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace inlet {

// Copies every table of one migrated Inlet database into another (`inletd
// migrate --from sqlite:... --to postgresql://...`): configuration, logs and
// the store, keeping ids and sequence numbers. The target must hold no
// sources and no events; the copy is one transaction, so a failure leaves it
// as it was.
class DatabaseCopier final
{
public:
    DatabaseCopier(QSqlDatabase from, QSqlDatabase to);

    // Called after each table with its name and row count.
    void setProgress(std::function<void(const QString &table, qint64 rows)> progress)
    {
        m_progress = std::move(progress);
    }

    bool copy(QString *error);

    // The tables copied, in order.
    static const QStringList &tables();

private:
    bool targetIsEmpty(QString *error);
    qint64 copyTable(const QString &table, QString *error);

    QSqlDatabase m_from;
    QSqlDatabase m_to;
    std::function<void(const QString &, qint64)> m_progress;
};

} // namespace inlet
