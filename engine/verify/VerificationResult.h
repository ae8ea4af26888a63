#pragma once

#include <QString>

namespace inlet {

struct VerificationResult
{
    enum class Status { Verified, Failed, Unverified };
    Status status = Status::Unverified;
    // Machine-readable cause for failures, in the vocabulary of the shared
    // signature fixtures: missing_header, malformed_header,
    // no_matching_signature, signature_mismatch, timestamp_outside_tolerance,
    // timestamp_too_old, timestamp_too_new, no_signatures_with_expected_scheme;
    // plus no_secret, invalid_secret and unsupported_scheme for problems of
    // the configuration (docs/verification.md lists them per scheme).
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
