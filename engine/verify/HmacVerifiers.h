#pragma once

#include "config/VerificationSettings.h"
#include "verify/VerificationRequest.h"
#include "verify/VerificationResult.h"

namespace inlet {

// The schemes that sign only the raw body, with no timestamp (replays are
// caught by idempotency keys instead):
//   segment             X-Signature: hex HMAC-SHA1(secret, raw body)
//   hmac_sha256_base64  configurable header (default X-Signature):
//                       base64 HMAC-SHA256(secret, raw body) (Shopify,
//                       Census sync lifecycle webhooks)
class HmacVerifiers final
{
public:
    static VerificationResult segment(const VerificationSettings &settings, const VerificationRequest &request);
    static VerificationResult sha256Base64(const VerificationSettings &settings, const VerificationRequest &request);
};

} // namespace inlet
