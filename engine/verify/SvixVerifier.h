#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// Svix and Standard Webhooks (Clerk, Supabase Auth hooks, ...): headers
// svix-id / svix-timestamp / svix-signature, or the unbranded webhook-*
// names; HMAC-SHA256 keyed with base64-decode(secret without `whsec_` or
// `v1,whsec_`) over `id + "." + timestamp + "." + raw body`, base64. The
// timestamp must be within the tolerance in both directions, and it is
// checked before the signature, as the Svix libraries do.
class SvixVerifier final
{
public:
    static VerificationResult verify(const VerificationSettings &settings, const VerificationRequest &request);

    // The HMAC key of a displayed secret; nullopt when it is not base64.
    static std::optional<QByteArray> key(const QString &secret);
};

} // namespace inlet
