#include "store/ActionType.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace inlet::actiontypes {
namespace {

struct Info
{
    ActionType type;
    QString name;
    QString label;
    QList<ActionParameterSpec> params;
};

const QList<Info> &infos()
{
    static const QList<Info> list = {
        {ActionType::UsersIdentify,
         u"users_identify"_s,
         u"Identify user"_s,
         {{u"id"_s, true},
          {u"name"_s},
          {u"email"_s},
          {u"phone_number"_s},
          {u"avatar"_s},
          {u"locale"_s},
          {u"timezone"_s},
          {u"properties"_s}}},
        {ActionType::UsersDelete, u"users_delete"_s, u"Delete user"_s, {{u"id"_s, true}}},
        {ActionType::ObjectsSet,
         u"objects_set"_s,
         u"Set object"_s,
         {{u"collection"_s, true}, {u"id"_s, true}, {u"name"_s}, {u"properties"_s}}},
        {ActionType::ObjectsDelete,
         u"objects_delete"_s,
         u"Delete object"_s,
         {{u"collection"_s, true}, {u"id"_s, true}}},
        {ActionType::TenantsSet, u"tenants_set"_s, u"Set tenant"_s, {{u"id"_s, true}, {u"name"_s}, {u"properties"_s}}},
        {ActionType::TenantsDelete, u"tenants_delete"_s, u"Delete tenant"_s, {{u"id"_s, true}}},
        {ActionType::ObjectsSubscribe,
         u"objects_subscribe"_s,
         u"Subscribe to object"_s,
         {{u"collection"_s, true}, {u"id"_s, true}, {u"recipients"_s, true}, {u"properties"_s}}},
        {ActionType::ObjectsUnsubscribe,
         u"objects_unsubscribe"_s,
         u"Unsubscribe from object"_s,
         {{u"collection"_s, true}, {u"id"_s, true}, {u"recipients"_s, true}, {u"properties"_s}}},
        {ActionType::AudiencesAddMember,
         u"audiences_add_member"_s,
         u"Add audience members"_s,
         {{u"key"_s, true}, {u"users"_s, true}, {u"tenant"_s}}},
        {ActionType::AudiencesRemoveMember,
         u"audiences_remove_member"_s,
         u"Remove audience members"_s,
         {{u"key"_s, true}, {u"users"_s, true}, {u"tenant"_s}}},
        {ActionType::WorkflowsCancel,
         u"workflows_cancel"_s,
         u"Cancel workflow"_s,
         {{u"key"_s, true}, {u"cancellation_key"_s, true}, {u"recipients"_s}}},
        {ActionType::WorkflowsTrigger,
         u"workflows_trigger"_s,
         u"Trigger workflow"_s,
         {{u"key"_s, true},
          {u"recipients"_s, true},
          {u"data"_s, true},
          {u"actor"_s},
          {u"tenant"_s},
          {u"cancellation_key"_s}}},
    };
    return list;
}

const Info &info(ActionType type)
{
    return infos()[int(type)];
}

} // namespace

QString name(ActionType type)
{
    return info(type).name;
}

QString label(ActionType type)
{
    return info(type).label;
}

std::optional<ActionType> fromName(QStringView n)
{
    for (const Info &i : infos()) {
        if (i.name == n)
            return i.type;
    }
    return std::nullopt;
}

const QList<ActionParameterSpec> &parameters(ActionType type)
{
    return info(type).params;
}

const QList<ActionType> &all()
{
    static const QList<ActionType> list = [] {
        QList<ActionType> l;
        for (const Info &i : infos())
            l.append(i.type);
        return l;
    }();
    return list;
}

int order(ActionType type)
{
    return int(type);
}

} // namespace inlet::actiontypes
