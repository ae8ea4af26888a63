#include "store/SqlStatement.h"

#include "store/SqlDialect.h"
#include "store/StoreFailure.h"

#include <QSqlError>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

[[noreturn]] void fail(const QSqlQuery &query)
{
    throw StoreFailure(u"database error: "_s + SqlDialect::errorText(query.lastError()));
}

} // namespace

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql)
    : m_query(db, sql)
{
    if (!m_query.isPrepared())
        fail(m_query.query());
}

SqlStatement &SqlStatement::bind(const QVariant &value)
{
    m_query->addBindValue(value);
    return *this;
}

SqlStatement &SqlStatement::bindText(const QString &text)
{
    m_query->addBindValue(text.isNull() ? nullText() : QVariant(text));
    return *this;
}

SqlStatement &SqlStatement::bindNonNull(const QString &text)
{
    m_query->addBindValue(text.isNull() ? QVariant(QString(u""_s)) : QVariant(text));
    return *this;
}

void SqlStatement::exec()
{
    if (!m_query->exec())
        fail(m_query.query());
}

QString SqlStatement::text(int column) const
{
    const QVariant v = m_query->value(column);
    return v.isNull() ? QString() : v.toString();
}

QVariant SqlStatement::nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

} // namespace inlet
