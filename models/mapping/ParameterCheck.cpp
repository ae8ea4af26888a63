#include "models/mapping/ParameterCheck.h"

#include "config/MappingConfig.h"
#include "mapping/ValueSpec.h"
#include "models/mapping/ParameterForms.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ParameterCheck", text);
}

// The shapes SPEC 9.3 accepts, checked here so the editor can warn before
// the engine skips the action.
QString typeProblem(const QString &name, const QJsonValue &v)
{
    if (name == u"recipients" || name == u"users") {
        const auto okItem = [](const QJsonValue &item) {
            return item.isString() || (item.isObject() && item.toObject().contains(u"id"_s));
        };
        if (okItem(v))
            return {};
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            for (const QJsonValue &item : a) {
                if (!okItem(item))
                    return tr("a list item is neither an id nor an object with \"id\"");
            }
            return {};
        }
        return tr("expected an id, a list of ids or objects with \"id\"");
    }
    if (name == u"data" || name == u"properties") {
        return v.isObject() || v.isNull() ? QString() : tr("expected an object");
    }
    if (name == u"id" || name == u"key" || name == u"collection" || name == u"cancellation_key" || name == u"tenant") {
        return v.isString() || v.isDouble() ? QString() : tr("expected a string");
    }
    return {};
}

} // namespace

ParameterCheck ParameterCheck::evaluate(ActionType type, const QString &name, bool required,
                                        const QJsonValue &configured, const QJsonObject &sample)
{
    ParameterCheck check;
    if (configured.isUndefined() || configured.isNull() || (configured.isString() && configured.toString().isEmpty())) {
        check.state = required ? State::RequiredEmpty : State::Unset;
        check.message = required ? tr("required: drop a field here or type a path") : QString();
        return check;
    }
    QJsonValue spec = configured;
    if (configured.isString() && MappingConfig::isLiteralParameter(type, name))
        spec = ParameterForms::literal(configured);
    QString error;
    const ValueSpec value = ValueSpec::parse(spec, &error);
    if (!value.isValid()) {
        check.state = State::Invalid;
        check.message = error;
        return check;
    }
    check.value = value.resolve(EvalContext::fromJson(sample));
    if (!check.value) {
        check.state = State::Missing;
        check.message = tr("not found in this sample");
        return check;
    }
    const QString problem = typeProblem(name, *check.value);
    if (!problem.isEmpty()) {
        check.state = State::WrongType;
        check.message = problem;
        return check;
    }
    check.state = State::Ok;
    return check;
}

QString ParameterCheck::stateName(State state)
{
    switch (state) {
    case State::Ok:
        return tr("ok");
    case State::Unset:
        return tr("unset");
    case State::Missing:
        return tr("missing");
    case State::WrongType:
        return tr("wrong type");
    case State::RequiredEmpty:
        return tr("required");
    case State::Invalid:
        return tr("invalid");
    }
    return {};
}

} // namespace inlet
