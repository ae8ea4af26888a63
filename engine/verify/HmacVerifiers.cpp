#include "verify/HmacVerifiers.h"

#include "util/Crypto.h"
#include "verify/FailureText.h"
#include "verify/SignatureMatch.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

bool isHex(QByteArrayView v)
{
    for (char c : v) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return !v.isEmpty();
}

VerificationResult mismatch(const QString &recipe, const QString &header, const QByteArray &received,
                            const VerificationSettings &s, const VerificationRequest &r, const QString &hint)
{
    QString reason =
        u"no signature matched: expected %1, over %2 body bytes as received; got %3 (%4 characters) in "
        "%5 and tried %6"_s.arg(recipe, FailureText::count(r.rawBody.size()), FailureText::preview(received),
                                QString::number(received.size()), header, FailureText::secrets(s.secrets.size()));
    if (!hint.isEmpty())
        reason += u"; "_s + hint;
    return VerificationResult::failed(u"signature_mismatch"_s, reason);
}

} // namespace

VerificationResult HmacVerifiers::segment(const VerificationSettings &s, const VerificationRequest &r)
{
    const QByteArray received = r.header("x-signature");
    if (received.isNull())
        return VerificationResult::failed(u"missing_header"_s,
                                          u"header X-Signature is missing: set a shared secret in the Segment "
                                          "Webhooks destination so that it signs its requests"_s);
    QList<QByteArray> expected;
    for (const QString &secret : s.secrets)
        expected.append(crypto::hmacSha1(secret.toUtf8(), r.rawBody).toHex());
    if (SignatureMatch::any(expected, {received.toLower()}))
        return VerificationResult::verified();
    QString hint;
    if (!isHex(received))
        hint = u"the value is not hex"_s;
    else if (received.size() == 64)
        hint = u"64 hex characters look like SHA-256, Segment signs with HMAC-SHA1 (40)"_s;
    return mismatch(u"HMAC-SHA1(secret, raw body), hex"_s, u"X-Signature"_s, received, s, r, hint);
}

VerificationResult HmacVerifiers::sha256Base64(const VerificationSettings &s, const VerificationRequest &r)
{
    const QString header = s.effectiveHeader();
    const QByteArray received = r.header(header.toLatin1());
    if (received.isNull())
        return VerificationResult::failed(u"missing_header"_s,
                                          u"header %1 is missing: it must carry base64 HMAC-SHA256(secret, raw "
                                          "body)"_s.arg(header));
    QList<QByteArray> expected;
    for (const QString &secret : s.secrets)
        expected.append(crypto::hmacSha256(secret.toUtf8(), r.rawBody).toBase64());
    if (SignatureMatch::any(expected, {received.trimmed()}))
        return VerificationResult::verified();
    const QString hint = isHex(received) && received.size() == 64
                             ? u"the value looks like hex, this scheme expects base64"_s
                             : QString();
    return mismatch(u"HMAC-SHA256(secret, raw body), base64"_s, header, received, s, r, hint);
}

} // namespace inlet
