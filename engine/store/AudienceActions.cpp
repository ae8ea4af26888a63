#include "store/AudienceActions.h"

#include "store/ParameterReader.h"
#include "store/RecipientParser.h"
#include "store/RecordWriter.h"
#include "store/SqlStatement.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

struct Member
{
    RecipientRef user;
    QString tenant;         // empty: no tenant
    bool ownTenant = false; // the member form named a tenant
};

// Reads `users` and the members' own tenants; nullopt with `*failure` on a
// wrong shape.
std::optional<QList<Member>> readMembers(const QJsonValue &users, ActionOutcome *failure)
{
    // Unwrap Knock's member objects first, remembering their tenants, so the
    // recipient rules (and their messages) apply to the users themselves.
    QJsonArray entries = users.isArray() ? users.toArray() : QJsonArray{users};
    QList<std::optional<QString>> tenants;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        std::optional<QString> tenant;
        const QJsonObject o = entries.at(i).toObject();
        if (o.contains(u"user"_s)) {
            const QJsonValue t = o.value(u"tenant"_s);
            if (!t.isUndefined() && !t.isNull()) {
                tenant = ParameterReader::identifierText(t);
                if (tenant->isNull()) {
                    *failure = ActionOutcome::skipped(
                        u"users"_s,
                        u"parameter 'users' has a member whose 'tenant' is %1; expected a string or a number"_s.arg(
                            ParameterReader::typeName(t)));
                    return std::nullopt;
                }
            }
            entries[i] = o.value(u"user"_s);
        }
        tenants.append(tenant);
    }
    const auto refs = RecipientParser::parseList(users.isArray() ? QJsonValue(entries) : entries.at(0), u"users"_s,
                                                 RecipientParser::Accept::UsersOnly, failure);
    if (!refs)
        return std::nullopt;
    QList<Member> members;
    for (qsizetype i = 0; i < refs->size(); ++i)
        members.append({refs->at(i), tenants.at(i).value_or(QString()), tenants.at(i).has_value()});
    return members;
}

// The action's `tenant` for members that did not name their own.
QList<Member> withDefaultTenant(QList<Member> members, const QString &tenant)
{
    for (Member &m : members) {
        if (!m.ownTenant)
            m.tenant = tenant;
    }
    return members;
}

QJsonValue memberJson(const Member &m)
{
    if (m.tenant.isEmpty())
        return m.user.id;
    return QJsonObject{{u"id"_s, m.user.id}, {u"tenant"_s, m.tenant}};
}

// Keeps the first of each (user, tenant).
QList<Member> distinct(const QList<Member> &members)
{
    QList<Member> out;
    QSet<QString> seen;
    for (const Member &m : members) {
        const QString key = m.user.id + QChar(0x1f) + m.tenant;
        if (!seen.contains(key)) {
            seen.insert(key);
            out.append(m);
        }
    }
    return out;
}

} // namespace

ActionOutcome AudienceActions::addMembers(const QSqlDatabase &db, const QString &env, const QJsonObject &payload,
                                          const ActionContext &ctx)
{
    ParameterReader params(payload);
    const QString key = params.requiredId(u"key"_s);
    const QJsonValue users = params.requiredValue(u"users"_s);
    if (params.failed())
        return params.failure();
    ActionOutcome failure;
    const auto members = readMembers(users, &failure);
    if (!members)
        return failure;
    const QString tenant = params.optionalId(u"tenant"_s);
    if (params.failed())
        return params.failure();

    RecordWriter writer(db, env, ctx);
    QList<RecipientRef> refs;
    for (const Member &m : *members)
        refs.append(m.user);
    writer.writeInline(refs);

    QJsonArray leftOut;
    QList<Member> kept;
    QSet<QString> reported;
    for (const Member &m : distinct(withDefaultTenant(*members, tenant))) {
        if (writer.userExists(m.user.id)) {
            kept.append(m);
        } else if (!reported.contains(m.user.id)) {
            reported.insert(m.user.id);
            leftOut.append(m.user.leftOut(u"not an identified user"_s));
        }
    }
    if (kept.isEmpty())
        return ActionOutcome::failed(u"no user left to add to audience '%1': none is an identified user"_s.arg(key),
                                     u"users"_s, {{u"members"_s, QJsonArray()}, {u"left_out"_s, leftOut}});

    // An unknown audience is created on add (SPEC 9).
    SqlStatement audience(db, u"INSERT INTO audiences (env, key, created_at, updated_by_event) VALUES (?, ?, ?, ?)"
                              " ON CONFLICT (env, key) DO NOTHING"_s);
    audience.bind(env).bind(key).bind(ctx.nowMs).bindText(ctx.eventId).exec();
    const bool created = audience.rowsAffected() > 0;

    QJsonArray added;
    int addedCount = 0;
    for (const Member &m : kept) {
        SqlStatement insert(db, u"INSERT INTO audience_members (env, audience, user_id, tenant, created_at,"
                                " updated_by_event) VALUES (?, ?, ?, ?, ?, ?)"
                                " ON CONFLICT (env, audience, user_id, tenant) DO NOTHING"_s);
        insert.bind(env).bind(key).bind(m.user.id).bindNonNull(m.tenant).bind(ctx.nowMs).bindText(ctx.eventId).exec();
        addedCount += insert.rowsAffected() > 0 ? 1 : 0;
        added.append(memberJson(m));
    }
    return ActionOutcome::success({{u"key"_s, key},
                                   {u"audience_created"_s, created},
                                   {u"members"_s, added},
                                   {u"added"_s, addedCount},
                                   {u"left_out"_s, leftOut}});
}

ActionOutcome AudienceActions::removeMembers(const QSqlDatabase &db, const QString &env, const QJsonObject &payload)
{
    ParameterReader params(payload);
    const QString key = params.requiredId(u"key"_s);
    const QJsonValue users = params.requiredValue(u"users"_s);
    if (params.failed())
        return params.failure();
    ActionOutcome failure;
    const auto members = readMembers(users, &failure);
    if (!members)
        return failure;
    const QString tenant = params.optionalId(u"tenant"_s);
    if (params.failed())
        return params.failure();

    // A membership is (user, tenant): removing "u1" without a tenant leaves
    // u1's membership for tenant t1 in place.
    QJsonArray removed;
    QJsonArray leftOut;
    for (const Member &m : distinct(withDefaultTenant(*members, tenant))) {
        SqlStatement del(db, u"DELETE FROM audience_members WHERE env = ? AND audience = ? AND user_id = ?"
                             " AND tenant = ?"_s);
        del.bind(env).bind(key).bind(m.user.id).bindNonNull(m.tenant).exec();
        if (del.rowsAffected() > 0) {
            removed.append(memberJson(m));
        } else {
            QJsonObject entry = m.user.leftOut(u"not a member"_s);
            if (!m.tenant.isEmpty())
                entry.insert(u"tenant"_s, m.tenant);
            leftOut.append(entry);
        }
    }
    return ActionOutcome::success(
        {{u"key"_s, key}, {u"members"_s, removed}, {u"removed"_s, int(removed.size())}, {u"left_out"_s, leftOut}});
}

} // namespace inlet
