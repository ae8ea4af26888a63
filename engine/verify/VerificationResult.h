#pragma once

#include <QString>

namespace inlet {

struct VerificationResult
{
    enum class Status { Verified, Failed, Unverified };
    Status status = Status::Unverified;
    // Machine-readable cause for failures: missing_header, malformed_header,
    // no_matching_signature, timestamp_outside_tolerance, no_secret, ...
    QString code;
    // What the user reads: precise enough to fix the problem, never the
    // secret or a full expected signature.
    QString reason;

    static VerificationResult verified() { return {Status::Verified, {}, {}}; }
    static VerificationResult unverified() { return {Status::Unverified, {}, {}}; }
    static VerificationResult failed(QString code, QString reason)
    {
        return {Status::Failed, std::move(code), std::move(reason)};
    }
    QString statusName() const;
};

} // namespace inlet
