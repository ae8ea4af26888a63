#include "verify/WorkosVerifier.h"

#include "util/Crypto.h"
#include "verify/FailureText.h"
#include "verify/HeaderFields.h"
#include "verify/SignatureMatch.h"
#include "verify/SignedMessage.h"
#include "verify/TimestampWindow.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {

VerificationResult WorkosVerifier::verify(const VerificationSettings &s, const VerificationRequest &r)
{
    const QByteArray header = r.header("workos-signature");
    if (header.isNull())
        return VerificationResult::failed(u"missing_header"_s, u"header WorkOS-Signature is missing: WorkOS sends "
                                                               "\"t=<unix ms>, v1=<hex>\" with every webhook"_s);
    QByteArray t;
    bool haveT = false;
    QList<QByteArray> v1;
    for (const auto &[key, value] : HeaderFields::parse(header, true)) {
        if (key == "t" && !haveT) {
            t = value;
            haveT = true;
        } else if (key == "v1" && !value.isEmpty()) {
            v1.append(value.toLower());
        }
    }
    QString problem;
    if (!haveT)
        problem = u"has no timestamp t="_s;
    else if (!HeaderFields::isDigits(t))
        problem = u"has a timestamp t= that is not unix milliseconds"_s;
    else if (v1.isEmpty())
        problem = u"has no v1= signature"_s;
    if (!problem.isEmpty())
        return VerificationResult::failed(
            u"malformed_header"_s, u"header WorkOS-Signature %1 (got %2); expected \"t=<unix ms>, v1=<hex>\""_s.arg(
                                       problem, FailureText::preview(header, 24)));

    TimestampWindow::Check window;
    window.timestampMs = qBound(Q_INT64_C(-9'000'000'000'000'000), t.toLongLong(), Q_INT64_C(9'000'000'000'000'000));
    window.nowMs = r.nowMs;
    window.toleranceS = s.effectiveTolerance();
    window.rejectFuture = true;
    window.tooOldCode = u"timestamp_outside_tolerance"_s;
    window.tooNewCode = u"timestamp_outside_tolerance"_s;
    window.where = u"t=%1 in WorkOS-Signature"_s.arg(QString::fromLatin1(t));
    if (t.size() <= 11) // milliseconds have had 13 digits since 2001
        window.hint = u"t looks like seconds, WorkOS sends milliseconds"_s;
    if (auto failure = TimestampWindow::check(window))
        return *failure;

    QList<QByteArray> expected;
    const QByteArray message = SignedMessage::join({t, r.rawBody});
    for (const QString &secret : s.secrets)
        expected.append(crypto::hmacSha256(secret.toUtf8(), message).toHex());
    if (SignatureMatch::any(expected, v1))
        return VerificationResult::verified();
    return VerificationResult::failed(
        u"no_matching_signature"_s,
        u"no signature matched: expected HMAC-SHA256(secret, t + \".\" + raw body), hex, with t=%1 (milliseconds) "
        "over %2 body bytes as received; got v1=%3 and tried %4. Check the endpoint's webhook secret in the "
        "WorkOS dashboard and that nothing re-encodes the body"_s.arg(
            QString::fromLatin1(t), FailureText::count(r.rawBody.size()), FailureText::preview(v1.first()),
            FailureText::secrets(s.secrets.size())));
}

} // namespace inlet
