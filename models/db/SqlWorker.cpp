#include "models/db/SqlWorker.h"

#include "store/Database.h"

#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {

// Owned jointly by the worker and its queued jobs; touched only on the worker thread.
struct SqlWorker::Connection
{
    QString name;
    QSqlDatabase db;
    bool opened = false;
};

SqlWorker::SqlWorker(DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_connection(std::make_shared<Connection>())
{
    m_connection->name = Database::uniqueConnectionName(u"gui-worker"_s);
    m_thread.setObjectName(u"inlet-sql"_s);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

SqlWorker::~SqlWorker()
{
    // The connection must be closed on the thread that opened it.
    auto connection = m_connection;
    QMetaObject::invokeMethod(
        m_context,
        [connection] {
            if (connection->opened) {
                connection->db = QSqlDatabase();
                Database::close(connection->name);
            }
        },
        Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context; // its thread has finished
}

void SqlWorker::post(std::function<void(QSqlDatabase &)> job)
{
    auto connection = m_connection;
    const DatabaseUrl url = m_url;
    QMetaObject::invokeMethod(
        m_context,
        [connection, url, job = std::move(job)] {
            if (!connection->opened) {
                connection->opened = true;
                QString error;
                connection->db = Database::open(url, connection->name, &error);
                if (!connection->db.isValid())
                    qWarning("inlet: worker cannot open the database: %s", qPrintable(error));
                else if (url.kind == DatabaseUrl::Kind::Sqlite)
                    // A reader for the GUI: the store's 64 MB page cache on
                    // each of the GUI's connections (the workspace's and
                    // each log table's count) would be most of the GUI's
                    // memory; the OS file cache keeps hot pages anyway.
                    QSqlQuery(connection->db).exec(u"PRAGMA cache_size=-8192"_s);
            }
            job(connection->db);
        },
        Qt::QueuedConnection);
}

} // namespace inlet
