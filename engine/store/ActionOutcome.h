#pragma once

#include <QJsonObject>
#include <QString>

namespace inlet {

// What one action did to the store (SPEC 10.2): the status, a result for the
// action log and, when it did nothing, a message that names the parameter.
struct ActionOutcome
{
    enum class Status { Success, Error, Skipped };

    Status status = Status::Success;
    QJsonObject result;
    QString error;     // human message, empty on success
    QString parameter; // the parameter at fault, or empty

    static ActionOutcome success(const QJsonObject &result = {});
    static ActionOutcome skipped(const QString &parameter, const QString &error);
    static ActionOutcome failed(const QString &error, const QString &parameter = {}, const QJsonObject &result = {});

    bool isSuccess() const { return status == Status::Success; }

    // "success", "error", "skipped": the names the logs and the API use.
    static QString statusName(Status status);
};

} // namespace inlet
