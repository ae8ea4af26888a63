#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace inlet {

// Writes whose results are not read, sent together. On PostgreSQL every
// statement costs a round trip; a batch sends its statements as one, the
// data-modifying ones before the last in a WITH, which runs each exactly
// once. They all see the same snapshot, so none may depend on another's
// changes (an event's action log rows, its status and its idempotency key
// do not). On SQLite, where a statement costs no round trip, each runs when
// added.
//
// Statements join a batch through SqlStatement(db, sql, batch).
class SqlBatch final
{
public:
    explicit SqlBatch(const QSqlDatabase &db);

    // True when statements wait for exec() (PostgreSQL).
    bool collects() const { return m_collects; }
    // Runs what was collected, in one round trip; throws StoreFailure.
    void exec();

private:
    friend class SqlStatement;
    void bind(const QVariant &value) { m_values.append(value); }
    void add(const QString &sql) { m_statements.append(sql); }

    QSqlDatabase m_db;
    bool m_collects = false;
    QStringList m_statements;
    QVariantList m_values;
};

} // namespace inlet
