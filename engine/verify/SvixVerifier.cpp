#include "verify/SvixVerifier.h"

#include "util/Crypto.h"
#include "verify/FailureText.h"
#include "verify/HeaderFields.h"
#include "verify/SignatureMatch.h"
#include "verify/SignedMessage.h"
#include "verify/TimestampWindow.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

struct Headers
{
    QString prefix; // "svix-" or "webhook-"
    QByteArray id;
    QByteArray timestamp;
    QByteArray signature;
};

// Svix's own names win; the unbranded Standard Webhooks names are read only
// when no svix-* header is present, so a request never mixes the two.
Headers readHeaders(const VerificationRequest &r)
{
    Headers h;
    for (const char *prefix : {"svix-", "webhook-"}) {
        const QByteArray p(prefix);
        h.prefix = QString::fromLatin1(p);
        h.id = r.header(QByteArray(p + "id"));
        h.timestamp = r.header(QByteArray(p + "timestamp"));
        h.signature = r.header(QByteArray(p + "signature"));
        if (!h.id.isNull() || !h.timestamp.isNull() || !h.signature.isNull())
            break;
    }
    return h;
}

} // namespace

std::optional<QByteArray> SvixVerifier::key(const QString &secret)
{
    QStringView rest = secret;
    if (rest.startsWith(u"v1,"_s)) // Supabase shows "v1,whsec_..."
        rest = rest.mid(3);
    if (rest.startsWith(u"whsec_"_s))
        rest = rest.mid(6);
    const auto decoded = QByteArray::fromBase64Encoding(rest.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded;
}

VerificationResult SvixVerifier::verify(const VerificationSettings &s, const VerificationRequest &r)
{
    const Headers h = readHeaders(r);
    QStringList missing;
    if (h.id.isNull())
        missing.append(h.prefix + u"id"_s);
    if (h.timestamp.isNull())
        missing.append(h.prefix + u"timestamp"_s);
    if (h.signature.isNull())
        missing.append(h.prefix + u"signature"_s);
    if (missing.size() == 3)
        return VerificationResult::failed(u"missing_header"_s,
                                          u"headers svix-id, svix-timestamp and svix-signature (or the Standard "
                                          "Webhooks names webhook-id, webhook-timestamp and webhook-signature) are "
                                          "missing"_s);
    if (!missing.isEmpty())
        return VerificationResult::failed(
            u"missing_header"_s, (missing.size() == 1 ? u"header %1 is missing"_s : u"headers %1 are missing"_s)
                                         .arg(missing.join(u" and "_s)) +
                                     u"; a signed request carries %1id, %1timestamp and %1signature"_s.arg(h.prefix));
    if (!HeaderFields::isDigits(h.timestamp))
        return VerificationResult::failed(
            u"malformed_header"_s,
            u"header %1timestamp must be unix seconds, got %2"_s.arg(h.prefix, FailureText::preview(h.timestamp, 24)));

    TimestampWindow::Check window;
    window.timestampMs = TimestampWindow::secondsToMs(h.timestamp.toLongLong());
    window.nowMs = r.nowMs;
    window.wholeSeconds = true;
    window.toleranceS = s.effectiveTolerance();
    window.rejectFuture = true;
    window.tooOldCode = u"timestamp_too_old"_s;
    window.tooNewCode = u"timestamp_too_new"_s;
    window.where = u"%1timestamp %2"_s.arg(h.prefix, QString::fromLatin1(h.timestamp));
    if (h.timestamp.size() >= 12) // 1e11 s is the year 5138: this is milliseconds
        window.hint = u"the value looks like milliseconds, %1timestamp is in seconds"_s.arg(h.prefix);
    if (auto failure = TimestampWindow::check(window))
        return *failure;

    QList<QByteArray> received;
    QStringList otherVersions;
    for (const QByteArray &entry : h.signature.split(' ')) {
        const qsizetype comma = entry.indexOf(',');
        if (comma < 0)
            continue;
        const QByteArray version = entry.left(comma);
        if (version == "v1")
            received.append(entry.mid(comma + 1));
        else if (otherVersions.size() < 3 && !otherVersions.contains(FailureText::preview(version)))
            otherVersions.append(FailureText::preview(version)); // a few are enough to spot a label mix-up
    }
    QList<QByteArray> expected;
    int badSecrets = 0;
    const QByteArray message = SignedMessage::join({h.id, h.timestamp, r.rawBody});
    for (const QString &secret : s.secrets) {
        if (const auto k = key(secret))
            expected.append(crypto::hmacSha256(*k, message).toBase64());
        else
            ++badSecrets;
    }
    if (expected.isEmpty())
        return VerificationResult::failed(
            u"invalid_secret"_s,
            u"no configured secret is base64 after removing its whsec_ prefix (%1 "
            "checked): copy the signing secret again from the provider"_s.arg(FailureText::secrets(s.secrets.size())));
    if (SignatureMatch::any(expected, received))
        return VerificationResult::verified();

    const QString ignored =
        otherVersions.isEmpty() ? QString() : u"other versions ignored: %1"_s.arg(otherVersions.join(u", "_s));
    QString got;
    if (received.isEmpty())
        got = ignored.isEmpty() ? u"no v1 entry"_s : u"no v1 entry ("_s + ignored + u")"_s;
    else
        got = u"v1,%1 (%2 v1 %3%4)"_s.arg(FailureText::preview(received.first()), QString::number(received.size()),
                                          received.size() == 1 ? u"entry"_s : u"entries"_s,
                                          ignored.isEmpty() ? QString() : u", "_s + ignored);
    QString reason =
        u"no signature matched: expected HMAC-SHA256(base64-decode(secret without whsec_), id + \".\" + timestamp "
        "+ \".\" + raw body), base64, with id=%1, timestamp=%2 over %3 body bytes as received; got %4 in "
        "%5signature and tried %6"_s.arg(FailureText::preview(h.id, 40), QString::fromLatin1(h.timestamp),
                                         FailureText::count(r.rawBody.size()), got, h.prefix,
                                         FailureText::secrets(s.secrets.size()));
    if (badSecrets > 0)
        reason += u" (%1 not base64, skipped)"_s.arg(QString::number(badSecrets));
    return VerificationResult::failed(u"no_matching_signature"_s, reason);
}

} // namespace inlet
