#pragma once

#include "store/ActionContext.h"
#include "store/RecipientRef.h"
#include "store/RecordPatch.h"

#include <QJsonArray>

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace inlet {

// Upserts users, objects and tenants of one environment and answers whether
// they exist. Shared by the identify/set actions and by inline recipients,
// which are identified exactly as users_identify would. Throws StoreFailure.
class RecordWriter final
{
public:
    RecordWriter(const QSqlDatabase &db, const QString &env, const ActionContext &ctx);

    // Each returns true when the row was created, false when it was updated.
    bool upsertUser(const QString &id, const RecordPatch &patch);
    bool upsertObject(const QString &collection, const QString &id, const RecordPatch &patch);
    bool upsertTenant(const QString &id, const RecordPatch &patch);

    bool userExists(const QString &id) const;
    bool objectExists(const QString &collection, const QString &id) const;

    // Identifies (user) or sets (object) every inline recipient, in order, so
    // a later entry for the same recipient wins as a later identify would.
    void writeInline(const QList<RecipientRef> &recipients);
    // The recipients that exist (identified users, existing objects), once
    // each and in order; the others are appended to `leftOut` with a reason.
    QList<RecipientRef> keepExisting(const QList<RecipientRef> &recipients, QJsonArray *leftOut) const;

private:
    // `table` and `keyColumns` are literals of this class, never user input.
    bool upsert(const QString &table, const QStringList &keyColumns, const QStringList &keys, const RecordPatch &patch);
    // Writes the row the patch makes from nothing. With `ifAbsent`, only if
    // no row has the key; returns whether it was written.
    bool insert(const QString &table, const QStringList &keyColumns, const QStringList &keys, const RecordPatch &patch,
                const QByteArray &properties, bool ifAbsent);
    bool exists(const QString &table, const QStringList &keyColumns, const QStringList &keys) const;

    QSqlDatabase m_db;
    QString m_env;
    ActionContext m_ctx;
};

} // namespace inlet
