#include "verify/Verifier.h"

#include "verify/CredentialVerifiers.h"
#include "verify/HmacVerifiers.h"
#include "verify/StripeVerifier.h"
#include "verify/SvixVerifier.h"
#include "verify/WorkosVerifier.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

VerificationResult Verifier::verify(const VerificationSettings &s, const VerificationRequest &r)
{
    if (s.scheme == u"none"_s)
        return VerificationResult::unverified();
    if (s.secrets.isEmpty() && s.scheme != u"script"_s)
        return VerificationResult::failed(
            u"no_secret"_s, u"scheme %1 is configured but the source configuration has no secret"_s.arg(s.scheme));
    if (s.scheme == u"stripe"_s)
        return StripeVerifier::verify(s, r);
    if (s.scheme == u"svix"_s)
        return SvixVerifier::verify(s, r);
    if (s.scheme == u"workos"_s)
        return WorkosVerifier::verify(s, r);
    if (s.scheme == u"segment"_s)
        return HmacVerifiers::segment(s, r);
    if (s.scheme == u"hmac_sha256_base64"_s)
        return HmacVerifiers::sha256Base64(s, r);
    if (s.scheme == u"shared_header"_s)
        return CredentialVerifiers::sharedHeader(s, r);
    if (s.scheme == u"bearer"_s)
        return CredentialVerifiers::bearer(s, r);
    if (s.scheme == u"basic"_s)
        return CredentialVerifiers::basic(s, r);
    // `script` is decided by the preprocess script's `verified` field, which
    // the ingest handler reads; reaching here means nothing ran it.
    return VerificationResult::failed(u"unsupported_scheme"_s,
                                      u"scheme %1 is not supported by this version of Inlet"_s.arg(s.scheme));
}

} // namespace inlet
