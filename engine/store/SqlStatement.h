#pragma once

#include "store/CachedQuery.h"

#include <QSqlQuery>
#include <QString>
#include <QVariant>

namespace inlet {

// One prepared statement with positional bound values, leased from the
// connection's statement cache (compiled once per connection). Every failure throws
// StoreFailure carrying the driver's message, so callers read straight-line.
class SqlStatement final
{
public:
    SqlStatement(const QSqlDatabase &db, const QString &sql);

    SqlStatement &bind(const QVariant &value);
    // Binds `text`, or SQL NULL when it is a null QString.
    SqlStatement &bindText(const QString &text);
    // Binds `text` and never NULL: for the NOT NULL DEFAULT '' columns.
    SqlStatement &bindNonNull(const QString &text);
    void exec();

    bool next() { return m_query->next(); }
    QVariant value(int column) const { return m_query->value(column); }
    QString text(int column) const;
    int rowsAffected() const { return m_query->numRowsAffected(); }

    // A typed SQL NULL for text columns (an invalid QVariant would not say
    // which type it stands for).
    static QVariant nullText();

private:
    CachedQuery m_query;
};

} // namespace inlet
