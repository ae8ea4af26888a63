#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// The unsigned schemes: the request carries a credential that must equal a
// configured secret (shared_header, bearer, basic).
class CredentialVerifiers final
{
public:
    static VerificationResult sharedHeader(const VerificationSettings &s, const VerificationRequest &r);
    static VerificationResult bearer(const VerificationSettings &s, const VerificationRequest &r);
    static VerificationResult basic(const VerificationSettings &s, const VerificationRequest &r);
};

} // namespace inlet
