#include "store/ActionOutcome.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

ActionOutcome ActionOutcome::success(const QJsonObject &result)
{
    ActionOutcome o;
    o.result = result;
    return o;
}

ActionOutcome ActionOutcome::skipped(const QString &parameter, const QString &error)
{
    ActionOutcome o;
    o.status = Status::Skipped;
    o.parameter = parameter;
    o.error = error;
    return o;
}

ActionOutcome ActionOutcome::failed(const QString &error, const QString &parameter, const QJsonObject &result)
{
    ActionOutcome o;
    o.status = Status::Error;
    o.error = error;
    o.parameter = parameter;
    o.result = result;
    return o;
}

QString ActionOutcome::statusName(Status status)
{
    switch (status) {
    case Status::Success:
        return u"success"_s;
    case Status::Error:
        return u"error"_s;
    case Status::Skipped:
        return u"skipped"_s;
    }
    return u"error"_s;
}

} // namespace inlet
