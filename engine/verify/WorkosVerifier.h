#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// WorkOS-Signature: t=<unix ms>, v1=<hex> (", " or "," between the items);
// HMAC-SHA256 keyed with the secret as is over `t + "." + raw body`, hex.
// The timestamp is in milliseconds and must be within the tolerance (180 s)
// in both directions, as workos-python checks; it is checked first, as
// every WorkOS library does.
class WorkosVerifier final
{
public:
    static VerificationResult verify(const VerificationSettings &settings, const VerificationRequest &request);
};

} // namespace inlet
