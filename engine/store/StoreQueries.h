#pragma once

#include "store/StoreFilter.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

namespace inlet {

// The read side of the store, for `inletd data ...`, the REST API and the
// desktop app. Rows are JSON objects with the stored JSON documents parsed
// (properties, data, recipients) and times as ISO-8601 UTC strings with
// milliseconds; every row names its "environment". An empty `env` lists
// every environment. On an SQL failure a listing is empty, a getter nullopt,
// and `*error` (when given) says why; otherwise `*error` is cleared.
class StoreQueries final
{
public:
    // Text filter on id, name, email; newest update first.
    static QList<QJsonObject> users(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                    QString *error = nullptr);
    // Text filter on collection, id, name; newest update first.
    static QList<QJsonObject> objects(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                      QString *error = nullptr);
    // Text filter on id, name; newest update first.
    static QList<QJsonObject> tenants(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                      QString *error = nullptr);
    // Text filter on the object's collection and id and the recipient id;
    // newest first.
    static QList<QJsonObject> subscriptions(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                            QString *error = nullptr);
    // With "member_count". Text filter on the key; newest first.
    static QList<QJsonObject> audiences(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                        QString *error = nullptr);
    // Members of one audience. Text filter on user id and tenant; newest first.
    static QList<QJsonObject> audienceMembers(const QSqlDatabase &db, const QString &env, const QString &audience,
                                              const StoreFilter &filter = {}, QString *error = nullptr);
    // The configured workflow keys, by key. Text filter on key and name.
    static QList<QJsonObject> workflows(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                        QString *error = nullptr);
    // Text filter on run id, workflow, cancellation key, tenant and
    // recipients; newest first.
    static QList<QJsonObject> runs(const QSqlDatabase &db, const QString &env, const StoreFilter &filter = {},
                                   QString *error = nullptr);

    static std::optional<QJsonObject> user(const QSqlDatabase &db, const QString &env, const QString &id,
                                           QString *error = nullptr);
    static std::optional<QJsonObject> object(const QSqlDatabase &db, const QString &env, const QString &collection,
                                             const QString &id, QString *error = nullptr);
    static std::optional<QJsonObject> tenant(const QSqlDatabase &db, const QString &env, const QString &id,
                                             QString *error = nullptr);
    static std::optional<QJsonObject> audience(const QSqlDatabase &db, const QString &env, const QString &key,
                                               QString *error = nullptr);
    static std::optional<QJsonObject> run(const QSqlDatabase &db, const QString &env, const QString &id,
                                          QString *error = nullptr);

    // "2024-05-01T12:00:00.000Z"; null for a null time.
    static QJsonValue isoTime(const QVariant &ms);
};

} // namespace inlet
