#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// Stripe-Signature: t=<unix s>,v1=<hex>[,v1=...]; HMAC-SHA256 keyed with the
// secret exactly as displayed (whsec_ included) over `t + "." + raw body`.
// Behaves like Stripe's own libraries: the signature is checked before the
// timestamp, and timestamps ahead of the clock are accepted.
class StripeVerifier final
{
public:
    static VerificationResult verify(const VerificationSettings &settings, const VerificationRequest &request);
};

} // namespace inlet
