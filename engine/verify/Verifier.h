#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// Verifies one request against a source configuration's scheme and secrets
// (SPEC section 6). Every comparison is constant-time; any active secret may
// match (rotation).
class Verifier final
{
public:
    static VerificationResult verify(const VerificationSettings &settings, const VerificationRequest &request);
};

} // namespace inlet
