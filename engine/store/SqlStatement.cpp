#include "store/SqlStatement.h"

#include "store/SqlBatch.h"
#include "store/SqlDialect.h"
#include "store/StoreFailure.h"

#include <QSqlError>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

[[noreturn]] void fail(const QSqlQuery &query)
{
    throw StoreFailure(u"database error: "_s + SqlDialect::errorText(query.lastError()));
}

// What QtSql binds as NULL: an empty QVariant, or a null string or bytes
// (in Qt 6 QVariant::isNull() no longer looks inside).
bool isNullValue(const QVariant &v)
{
    if (v.isNull())
        return true;
    switch (v.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(v.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(v.constData())->isNull();
    default:
        return false;
    }
}

// Text or BLOB kept alive by the caller until the statement is reset; never
// a null pointer, which SQLite would bind as NULL.
int bindBytes(sqlite3_stmt *stmt, int i, const QByteArray &bytes, bool text)
{
    const char *data = bytes.isEmpty() ? "" : bytes.constData();
    return text ? sqlite3_bind_text(stmt, i, data, int(bytes.size()), SQLITE_STATIC)
                : sqlite3_bind_blob(stmt, i, data, int(bytes.size()), SQLITE_STATIC);
}

} // namespace

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql)
{
    open(db, sql);
}

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql, SqlBatch *batch)
{
    if (batch && batch->collects()) {
        m_batch = batch;
        m_batchSql = sql;
        return;
    }
    open(db, sql);
}

void SqlStatement::open(const QSqlDatabase &db, const QString &sql)
{
    m_cache = SqliteStatementCache::of(db);
    if (m_cache) {
        QString error;
        m_lease = m_cache->acquire(sql, &error);
        if (!m_lease.stmt)
            throw StoreFailure(u"database error: "_s + error);
        return;
    }
    m_query.emplace(db, sql);
    if (!m_query->isPrepared())
        fail(m_query->query());
}

SqlStatement::~SqlStatement()
{
    if (m_cache)
        m_cache->release(m_lease);
}

void SqlStatement::failNative()
{
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_cache->handle()));
    sqlite3_reset(m_lease.stmt);
    m_onRow = m_rowWaiting = false;
    throw StoreFailure(u"database error: "_s + message);
}

void SqlStatement::rewindIfRun()
{
    if (!m_run)
        return;
    sqlite3_reset(m_lease.stmt);
    m_run = m_rowWaiting = m_onRow = false;
    m_step = 0;
}

SqlStatement &SqlStatement::bind(const QVariant &value)
{
    if (m_batch) {
        m_batch->bind(value);
        return *this;
    }
    if (!m_cache) {
        m_query->query().addBindValue(value);
        return *this;
    }
    rewindIfRun();
    const int i = m_nextParam++;
    int rc = SQLITE_OK;
    if (isNullValue(value)) {
        rc = sqlite3_bind_null(m_lease.stmt, i);
    } else {
        switch (value.typeId()) {
        case QMetaType::QString:
            m_keep.append(static_cast<const QString *>(value.constData())->toUtf8());
            rc = bindBytes(m_lease.stmt, i, m_keep.last(), true);
            break;
        case QMetaType::Bool:
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
        case QMetaType::UShort:
        case QMetaType::Char:
        case QMetaType::UChar:
            rc = sqlite3_bind_int64(m_lease.stmt, i, value.toLongLong());
            break;
        case QMetaType::ULong:
        case QMetaType::ULongLong:
            rc = sqlite3_bind_int64(m_lease.stmt, i, qint64(value.toULongLong()));
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            rc = sqlite3_bind_double(m_lease.stmt, i, value.toDouble());
            break;
        case QMetaType::QByteArray:
            m_keep.append(value.toByteArray());
            rc = bindBytes(m_lease.stmt, i, m_keep.last(), false);
            break;
        default: // what QtSql would have bound: the value's text
            m_keep.append(value.toString().toUtf8());
            rc = bindBytes(m_lease.stmt, i, m_keep.last(), true);
            break;
        }
    }
    if (rc != SQLITE_OK)
        failNative();
    return *this;
}

SqlStatement &SqlStatement::bindText(const QString &text)
{
    return text.isNull() ? bind(nullText()) : bind(QVariant(text));
}

SqlStatement &SqlStatement::bindNonNull(const QString &text)
{
    return bind(text.isNull() ? QVariant(u""_s) : QVariant(text));
}

SqlStatement &SqlStatement::bindUtf8(const QByteArray &utf8)
{
    if (!m_cache)
        return bind(utf8.isNull() ? nullText() : QVariant(QString::fromUtf8(utf8)));
    rewindIfRun();
    const int i = m_nextParam++;
    int rc;
    if (utf8.isNull()) {
        rc = sqlite3_bind_null(m_lease.stmt, i);
    } else {
        m_keep.append(utf8);
        rc = bindBytes(m_lease.stmt, i, m_keep.last(), true);
    }
    if (rc != SQLITE_OK)
        failNative();
    return *this;
}

void SqlStatement::exec()
{
    if (m_batch) {
        m_batch->add(m_batchSql);
        return;
    }
    if (!m_cache) {
        if (!m_query->query().exec())
            fail(m_query->query());
        return;
    }
    rewindIfRun();
    m_run = true;
    m_nextParam = 1; // binding again starts over, as with QSqlQuery
    m_step = sqlite3_step(m_lease.stmt);
    if (m_step == SQLITE_ROW) {
        m_rowWaiting = true;
    } else if (m_step == SQLITE_DONE) {
        m_changes = sqlite3_changes(m_cache->handle());
    } else {
        failNative();
    }
}

bool SqlStatement::next()
{
    if (m_batch)
        return false;
    if (!m_cache)
        return m_query->query().next();
    if (m_rowWaiting) {
        m_rowWaiting = false;
        m_onRow = true;
        return true;
    }
    if (m_step != SQLITE_ROW) {
        m_onRow = false;
        return false;
    }
    m_step = sqlite3_step(m_lease.stmt);
    if (m_step == SQLITE_ROW) {
        m_onRow = true;
        return true;
    }
    m_onRow = false;
    if (m_step != SQLITE_DONE)
        failNative();
    return false;
}

QVariant SqlStatement::value(int column) const
{
    if (!m_cache)
        return (*m_query)->value(column);
    if (!m_onRow)
        return {};
    switch (sqlite3_column_type(m_lease.stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_lease.stmt, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_lease.stmt, column));
    case SQLITE_BLOB:
        return QVariant(QByteArray(static_cast<const char *>(sqlite3_column_blob(m_lease.stmt, column)),
                                   sqlite3_column_bytes(m_lease.stmt, column)));
    case SQLITE_NULL:
        return {};
    default:
        return QVariant(text(column));
    }
}

QString SqlStatement::text(int column) const
{
    if (!m_cache) {
        const QVariant v = (*m_query)->value(column);
        return v.isNull() ? QString() : v.toString();
    }
    if (!m_onRow || sqlite3_column_type(m_lease.stmt, column) == SQLITE_NULL)
        return {};
    const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(m_lease.stmt, column));
    return QString::fromUtf8(t, sqlite3_column_bytes(m_lease.stmt, column));
}

QByteArray SqlStatement::bytes(int column) const
{
    if (!m_cache) {
        const QVariant v = (*m_query)->value(column);
        if (v.isNull())
            return {};
        return v.typeId() == QMetaType::QByteArray ? v.toByteArray() : v.toString().toUtf8();
    }
    if (!m_onRow || sqlite3_column_type(m_lease.stmt, column) == SQLITE_NULL)
        return {};
    // sqlite3_column_blob returns text as it is stored (UTF-8) too.
    const auto *b = static_cast<const char *>(sqlite3_column_blob(m_lease.stmt, column));
    const int n = sqlite3_column_bytes(m_lease.stmt, column);
    return n > 0 ? QByteArray(b, n) : QByteArray("");
}

qint64 SqlStatement::integer(int column) const
{
    if (!m_cache)
        return (*m_query)->value(column).toLongLong();
    return m_onRow ? sqlite3_column_int64(m_lease.stmt, column) : 0;
}

qint64 SqlStatement::insertedSeq()
{
    if (m_batch)
        return 0;
    if (!m_cache)
        return SqlDialect::insertedSeq(m_query->query());
    if (next()) // RETURNING seq
        return integer(0);
    return sqlite3_last_insert_rowid(m_cache->handle());
}

int SqlStatement::rowsAffected() const
{
    if (m_batch)
        return 0;
    if (!m_cache)
        return (*m_query)->numRowsAffected();
    return m_changes;
}

QVariant SqlStatement::nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

} // namespace inlet
