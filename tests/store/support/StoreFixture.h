#pragma once

#include "store/ActionContext.h"
#include "store/ActionOutcome.h"
#include "store/ActionType.h"
#include "store/DatabaseUrl.h"
#include "util/Ulid.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>
#include <QVariantList>

// A migrated store (SQLite in a temporary directory, or a fresh PostgreSQL
// schema: tests/common/TestBackend.h), and shortcuts to run
// actions and look at tables the way a user of `inletd data` would.
class StoreFixture final
{
public:
    StoreFixture();
    ~StoreFixture();
    StoreFixture(const StoreFixture &) = delete;
    StoreFixture &operator=(const StoreFixture &) = delete;

    // Empty on success, else why the store could not be opened.
    QString open();
    QSqlDatabase &db() { return m_db; }
    const inlet::DatabaseUrl &url() const { return m_url; }

    inlet::ActionOutcome run(inlet::ActionType type, const QJsonObject &payload,
                             const QString &env = QStringLiteral("development"));
    void addWorkflow(const QString &key, const QString &env = QStringLiteral("development"));

    // The rows of `sql` (bound values in order), each as a list of values.
    QList<QVariantList> rows(const QString &sql, const QVariantList &binds = {});
    // The first column of the first row, or an invalid QVariant.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});

    static QJsonObject object(const char *json);
    static QJsonValue value(const char *json);

    qint64 now = 1714564800000; // 2024-05-01T12:00:00Z, moved by tests
    QString eventId = QStringLiteral("evt_1");

private:
    QTemporaryDir m_dir;
    inlet::DatabaseUrl m_url;
    QString m_connection;
    QSqlDatabase m_db;
    inlet::UlidGenerator m_ids;
};
