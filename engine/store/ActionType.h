#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace inlet {

// The action types of SPEC section 9, declared in execution order (9.1):
// when several mappings match one event they run in this order.
enum class ActionType {
    UsersIdentify,
    UsersDelete,
    ObjectsSet,
    ObjectsDelete,
    TenantsSet,
    TenantsDelete,
    ObjectsSubscribe,
    ObjectsUnsubscribe,
    AudiencesAddMember,
    AudiencesRemoveMember,
    WorkflowsCancel,
    WorkflowsTrigger,
};

struct ActionParameterSpec
{
    QString name;
    bool required = false;
};

namespace actiontypes {
QString name(ActionType type);                        // "users_identify"
std::optional<ActionType> fromName(QStringView name); // nullopt if unknown
QString label(ActionType type);                       // "Identify user"
const QList<ActionParameterSpec> &parameters(ActionType type);
const QList<ActionType> &all(); // in execution order
int order(ActionType type);     // position in execution order
} // namespace actiontypes

} // namespace inlet
