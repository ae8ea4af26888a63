#include "ingest/RestApi.h"

#include "ingest/ConfigStore.h"
#include "ingest/IngestContext.h"
#include "ingest/StoreWorker.h"
#include "store/StoreQueries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

DirectAction action(ActionType type, QJsonObject payload, const QString &route)
{
    return {type, std::move(payload), QJsonObject{{u"route"_s, route}}};
}

QJsonObject with(QJsonObject o, const QString &key, const QString &value)
{
    o.insert(key, value);
    return o;
}

RestApi::Operation invalid(const QString &message)
{
    RestApi::Operation op;
    op.errorStatus = 422;
    op.errorCode = u"invalid_params"_s;
    op.errorMessage = message;
    return op;
}

// Knock returns records with their custom properties at the top level.
QJsonObject flattened(QJsonObject record, const QString &typeName)
{
    const QJsonObject props = record.take(u"properties"_s).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        if (!record.contains(it.key()))
            record.insert(it.key(), it.value());
    }
    record.remove(u"environment"_s);
    record.insert(u"__typename"_s, typeName);
    return record;
}

} // namespace

RestApi::RestApi(IngestContext &context)
    : m_ctx(context)
{}

bool RestApi::handles(const QByteArray &path) const
{
    for (const char *prefix : {"/v1/users/", "/v1/objects/", "/v1/tenants/", "/v1/audiences/", "/v1/workflows/"}) {
        if (path.startsWith(prefix))
            return true;
    }
    return false;
}

HttpResponse RestApi::error(int status, const QString &code, const QString &message)
{
    return HttpResponse::json(status, QJsonObject{{u"code"_s, code}, {u"message"_s, message}, {u"error"_s, code}});
}

RestApi::Operation RestApi::parse(const QByteArray &method, const QList<QString> &seg, const QJsonValue &body,
                                  const QByteArray &query)
{
    Operation op;
    const QJsonObject obj = body.toObject();
    const QString route = QString::fromLatin1(method) + u' ' + u'/' + seg.join(u'/');
    auto notFound = [&] {
        Operation o;
        o.errorStatus = 404;
        o.errorCode = u"not_found"_s;
        o.errorMessage = u"no route for %1"_s.arg(route);
        return o;
    };
    auto wrongMethod = [&](const char *allowed) {
        Operation o;
        o.errorStatus = 405;
        o.errorCode = u"method_not_allowed"_s;
        o.errorMessage = u"use %1"_s.arg(QString::fromLatin1(allowed));
        return o;
    };
    const QString kind = seg.value(1);
    if (kind == u"users"_s && seg.size() == 4 && seg[2] == u"bulk"_s && seg[3] == u"identify"_s) {
        if (method != "POST")
            return wrongMethod("POST");
        const QJsonValue users = obj.value(u"users"_s);
        if (!users.isArray())
            return invalid(u"expected {\"users\": [{\"id\": ...}, ...]}"_s);
        if (users.toArray().size() > kMaxBulk)
            return invalid(u"at most %1 users per bulk identify, got %2"_s.arg(kMaxBulk).arg(users.toArray().size()));
        op.name = u"users.bulk_identify"_s;
        for (const QJsonValue &u : users.toArray())
            op.actions.append(action(ActionType::UsersIdentify, u.toObject(), route));
        return op;
    }
    if (kind == u"users"_s && seg.size() == 3) {
        if (method == "PUT") {
            op.name = u"users.identify"_s;
            op.actions.append(action(ActionType::UsersIdentify, with(obj, u"id"_s, seg[2]), route));
        } else if (method == "DELETE") {
            op.name = u"users.delete"_s;
            op.actions.append(action(ActionType::UsersDelete, {{u"id"_s, seg[2]}}, route));
        } else {
            return wrongMethod("PUT, DELETE");
        }
        return op;
    }
    if (kind == u"objects"_s && seg.size() == 4) {
        const QJsonObject ref{{u"collection"_s, seg[2]}, {u"id"_s, seg[3]}};
        if (method == "PUT") {
            op.name = u"objects.set"_s;
            QJsonObject payload = obj;
            payload.insert(u"collection"_s, seg[2]);
            payload.insert(u"id"_s, seg[3]);
            op.actions.append(action(ActionType::ObjectsSet, payload, route));
        } else if (method == "DELETE") {
            op.name = u"objects.delete"_s;
            op.actions.append(action(ActionType::ObjectsDelete, ref, route));
        } else {
            return wrongMethod("PUT, DELETE");
        }
        return op;
    }
    if (kind == u"tenants"_s && seg.size() == 3) {
        if (method == "PUT") {
            op.name = u"tenants.set"_s;
            op.actions.append(action(ActionType::TenantsSet, with(obj, u"id"_s, seg[2]), route));
        } else if (method == "DELETE") {
            op.name = u"tenants.delete"_s;
            op.actions.append(action(ActionType::TenantsDelete, {{u"id"_s, seg[2]}}, route));
        } else {
            return wrongMethod("PUT, DELETE");
        }
        return op;
    }
    if (kind == u"audiences"_s && seg.size() == 4 && seg[3] == u"members"_s) {
        QJsonValue members = obj.value(u"members"_s);
        if (members.isUndefined() && !query.isEmpty()) {
            const QString param = QUrlQuery(QString::fromUtf8(query)).queryItemValue(u"members"_s, QUrl::FullyDecoded);
            members = QJsonDocument::fromJson(param.toUtf8()).array();
        }
        if (!members.isArray() || members.toArray().isEmpty())
            return invalid(u"expected {\"members\": [{\"user\": {\"id\": ...}, \"tenant\": ...}, ...]}"_s);
        if (members.toArray().size() > kMaxBulk)
            return invalid(u"at most %1 members per request"_s.arg(kMaxBulk));
        const QJsonObject payload{{u"key"_s, seg[2]}, {u"users"_s, members}};
        if (method == "POST") {
            op.name = u"audiences.add_members"_s;
            op.actions.append(action(ActionType::AudiencesAddMember, payload, route));
        } else if (method == "DELETE") {
            op.name = u"audiences.remove_members"_s;
            op.actions.append(action(ActionType::AudiencesRemoveMember, payload, route));
        } else {
            return wrongMethod("POST, DELETE");
        }
        return op;
    }
    if (kind == u"workflows"_s && seg.size() == 4 && seg[3] == u"trigger"_s) {
        if (method != "POST")
            return wrongMethod("POST");
        QJsonObject payload;
        for (const QString &k : {u"recipients"_s, u"actor"_s, u"tenant"_s, u"data"_s, u"cancellation_key"_s}) {
            if (obj.contains(k))
                payload.insert(k, obj.value(k));
        }
        if (!payload.contains(u"data"_s) || payload.value(u"data"_s).isNull())
            payload.insert(u"data"_s, QJsonObject());
        payload.insert(u"key"_s, seg[2]);
        op.name = u"workflows.trigger"_s;
        op.actions.append(action(ActionType::WorkflowsTrigger, payload, route));
        return op;
    }
    return notFound();
}

void RestApi::handle(const HttpRequest &request, const HttpResponder &respond)
{
    const auto snapshot = m_ctx.config().current();
    const QByteArray auth = request.header("authorization");
    const QString key =
        auth.startsWith("Bearer ") || auth.startsWith("bearer ") ? QString::fromUtf8(auth.mid(7).trimmed()) : QString();
    const RuntimeSource *rs = key.isEmpty() ? nullptr : snapshot->byApiKey(key);
    if (!rs) {
        respond(error(401, u"unknown_source"_s,
                      key.isEmpty() ? u"send Authorization: Bearer <api key of a source configuration>"_s
                                    : u"no source configuration has this API key"_s));
        return;
    }
    if (!m_ctx.allowRequest(*rs)) {
        respond(error(429, u"rate_limited"_s, u"too many requests for this API key; retry shortly"_s)
                    .withHeader("Retry-After", "1"));
        return;
    }
    EventRecord event = m_ctx.newEvent(*rs, request, u"api"_s);
    event.verificationStatus = u"verified"_s;
    event.verificationReason = u"authenticated by API key"_s;
    QByteArray body;
    if (auto refused = m_ctx.decodeBody(request, event, body)) {
        event.body = body;
        m_ctx.store(std::move(event), error(refused->status, u"invalid_body"_s, event.statusDetail), respond);
        return;
    }
    event.body = body.trimmed().isEmpty() ? QByteArray("{}") : body;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(event.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        event.status = u"rejected"_s;
        event.statusDetail = pe.error != QJsonParseError::NoError
                                 ? u"invalid JSON: %1 at offset %2"_s.arg(pe.errorString()).arg(pe.offset)
                                 : u"the body is JSON but not an object"_s;
        HttpResponse r = error(400, u"invalid_json"_s, event.statusDetail);
        m_ctx.store(std::move(event), std::move(r), respond);
        return;
    }
    QList<QString> segments = QString::fromUtf8(request.path).split(u'/', Qt::SkipEmptyParts);
    Operation op = parse(request.method, segments, doc.object(), request.query);
    if (op.errorStatus) {
        if (op.errorStatus == 404 || op.errorStatus == 405) { // not an operation: nothing to log
            respond(error(op.errorStatus, op.errorCode, op.errorMessage));
            return;
        }
        event.status = u"rejected"_s;
        event.statusDetail = op.errorMessage;
        HttpResponse r = error(op.errorStatus, op.errorCode, op.errorMessage);
        m_ctx.store(std::move(event), std::move(r), respond);
        return;
    }
    event.eventType = op.name;
    const QString name = op.name;
    const bool queued = m_ctx.worker().submitAndExecute(
        std::move(event), std::move(op.actions),
        [respond, name](bool ok, const QString &err, const EventRecord &e, const QList<ActionRecord> &actions,
                        QSqlDatabase &db) {
            if (!ok) {
                respond(error(503, u"unavailable"_s, u"the request could not be stored: "_s + err)
                            .withHeader("Retry-After", "1"));
                return;
            }
            if (name == u"users.bulk_identify"_s) {
                QJsonArray errors;
                int succeeded = 0;
                for (const ActionRecord &a : actions) {
                    if (a.status == u"success"_s)
                        ++succeeded;
                    else
                        errors.append(QJsonObject{{u"id"_s, a.actionPayload.value(u"id"_s)}, {u"message"_s, a.error}});
                }
                respond(HttpResponse::json(200, QJsonObject{{u"id"_s, e.id},
                                                            {u"name"_s, name},
                                                            {u"status"_s, u"completed"_s},
                                                            {u"success_count"_s, succeeded},
                                                            {u"error_count"_s, int(errors.size())},
                                                            {u"errors"_s, errors}}));
                return;
            }
            const ActionRecord &a = actions.first();
            if (a.status != u"success"_s) {
                const bool missing = a.error.contains(u"does not exist"_s);
                respond(error(missing ? 404 : 422, missing ? u"not_found"_s : u"invalid_params"_s, a.error));
                return;
            }
            const QJsonObject p = a.actionPayload;
            const QString env = e.env;
            if (name == u"users.identify"_s) {
                const auto user = StoreQueries::user(db, env, p.value(u"id"_s).toString());
                respond(HttpResponse::json(200, flattened(user.value_or(QJsonObject()), u"User"_s)));
            } else if (name == u"objects.set"_s) {
                const auto o =
                    StoreQueries::object(db, env, p.value(u"collection"_s).toString(), p.value(u"id"_s).toString());
                respond(HttpResponse::json(200, flattened(o.value_or(QJsonObject()), u"Object"_s)));
            } else if (name == u"tenants.set"_s) {
                const auto t = StoreQueries::tenant(db, env, p.value(u"id"_s).toString());
                respond(HttpResponse::json(200, flattened(t.value_or(QJsonObject()), u"Tenant"_s)));
            } else if (name == u"workflows.trigger"_s) {
                respond(HttpResponse::json(
                    200, QJsonObject{{u"workflow_run_id"_s, a.actionResult.value(u"workflow_run_id"_s)}}));
            } else {
                respond(HttpResponse{204, {}, {}});
            }
        });
    if (!queued)
        respond(
            error(429, u"overloaded"_s, u"the ingest queue is full; retry shortly"_s).withHeader("Retry-After", "1"));
}

} // namespace inlet
