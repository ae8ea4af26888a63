#include "verify/StripeVerifier.h"

#include "util/Crypto.h"
#include "verify/FailureText.h"
#include "verify/HeaderFields.h"
#include "verify/SignatureMatch.h"
#include "verify/SignedMessage.h"
#include "verify/TimestampWindow.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

VerificationResult StripeVerifier::verify(const VerificationSettings &s, const VerificationRequest &r)
{
    const QByteArray header = r.header("stripe-signature");
    if (header.isNull())
        return VerificationResult::failed(u"missing_header"_s, u"header Stripe-Signature is missing: Stripe sends "
                                                               "\"t=<unix seconds>,v1=<hex>\" with every webhook"_s);
    QByteArray t;
    bool haveT = false;
    QList<QByteArray> v1;
    const auto fields = HeaderFields::parse(header, false);
    for (const auto &[key, value] : fields) {
        if (key == "t" && !haveT) {
            t = value;
            haveT = true;
        } else if (key == "v1") {
            v1.append(value.toLower());
        }
    }
    if (!haveT || !HeaderFields::isDigits(t))
        return VerificationResult::failed(
            u"malformed_header"_s,
            u"header Stripe-Signature has no numeric timestamp t=<unix seconds> (got %1); expected "
            "\"t=<unix seconds>,v1=<hex>\""_s.arg(FailureText::preview(header, 24)));
    if (v1.isEmpty()) {
        QStringList keys; // the first few, enough to spot " v1" or another scheme
        for (qsizetype i = 0; i < qMin<qsizetype>(fields.size(), 6); ++i)
            keys.append(FailureText::preview(fields.at(i).first));
        return VerificationResult::failed(
            u"no_signatures_with_expected_scheme"_s,
            u"header Stripe-Signature has no v1= signature (keys found: %1); Stripe signs with scheme v1, "
            "written without spaces: \"t=<unix seconds>,v1=<hex>\""_s.arg(keys.join(u", "_s)));
    }

    QList<QByteArray> expected;
    const QByteArray message = SignedMessage::join({t, r.rawBody});
    for (const QString &secret : s.secrets)
        expected.append(crypto::hmacSha256(secret.toUtf8(), message).toHex());
    if (!SignatureMatch::any(expected, v1))
        return VerificationResult::failed(
            u"no_matching_signature"_s,
            u"no signature matched: expected HMAC-SHA256(secret, t + \".\" + raw body), hex, with t=%1 over %2 "
            "body bytes as received; got v1=%3 (%4 v1 %5) and tried %6. Check that the secret is this "
            "endpoint's signing secret (whsec_..., used as displayed) and that nothing re-encodes the body"_s.arg(
                QString::fromLatin1(t), FailureText::count(r.rawBody.size()), FailureText::preview(v1.first()),
                QString::number(v1.size()), v1.size() == 1 ? u"entry"_s : u"entries"_s,
                FailureText::secrets(s.secrets.size())));

    TimestampWindow::Check window;
    window.timestampMs = TimestampWindow::secondsToMs(t.toLongLong());
    window.nowMs = r.nowMs;
    window.wholeSeconds = true;
    window.toleranceS = s.effectiveTolerance();
    window.rejectFuture = false;
    window.tooOldCode = u"timestamp_outside_tolerance"_s;
    window.where = u"t=%1 in Stripe-Signature"_s.arg(QString::fromLatin1(t));
    if (auto failure = TimestampWindow::check(window))
        return *failure;
    return VerificationResult::verified();
}

} // namespace inlet
