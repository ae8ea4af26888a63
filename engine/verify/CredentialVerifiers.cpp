#include "verify/CredentialVerifiers.h"

#include "util/Crypto.h"

using namespace Qt::Literals::StringLiterals;

namespace inlet {
namespace {

// First characters of what was received, to help match it up without
// revealing anything secret.
QString preview(QByteArrayView v)
{
    return QString::fromLatin1(v.first(qMin<qsizetype>(v.size(), 6))) + (v.size() > 6 ? u"..."_s : QString());
}

bool anySecretEquals(const QStringList &secrets, QByteArrayView given)
{
    bool match = false;
    for (const QString &s : secrets)
        match |= crypto::constantTimeEquals(s.toUtf8(), given); // no early exit: same time for every position
    return match;
}

} // namespace

VerificationResult CredentialVerifiers::sharedHeader(const VerificationSettings &s, const VerificationRequest &r)
{
    const QString header = s.effectiveHeader();
    const QByteArray value = r.header(header.toLatin1());
    if (value.isNull())
        return VerificationResult::failed(u"missing_header"_s, u"header %1 is missing"_s.arg(header));
    if (anySecretEquals(s.secrets, value))
        return VerificationResult::verified();
    return VerificationResult::failed(
        u"no_matching_signature"_s,
        u"header %1 (%2) does not match any configured secret"_s.arg(header, preview(value)));
}

VerificationResult CredentialVerifiers::bearer(const VerificationSettings &s, const VerificationRequest &r)
{
    const QByteArray value = r.header("authorization");
    if (value.isNull())
        return VerificationResult::failed(u"missing_header"_s, u"header Authorization is missing"_s);
    if (!value.startsWith("Bearer ") && !value.startsWith("bearer "))
        return VerificationResult::failed(u"malformed_header"_s, u"header Authorization must be \"Bearer <secret>\""_s);
    const QByteArray token = value.mid(7).trimmed();
    if (anySecretEquals(s.secrets, token))
        return VerificationResult::verified();
    return VerificationResult::failed(u"no_matching_signature"_s,
                                      u"bearer token (%1) does not match any configured secret"_s.arg(preview(token)));
}

VerificationResult CredentialVerifiers::basic(const VerificationSettings &s, const VerificationRequest &r)
{
    const QByteArray value = r.header("authorization");
    if (value.isNull())
        return VerificationResult::failed(u"missing_header"_s, u"header Authorization is missing"_s);
    if (!value.startsWith("Basic ") && !value.startsWith("basic "))
        return VerificationResult::failed(u"malformed_header"_s,
                                          u"header Authorization must be \"Basic base64(user:password)\""_s);
    const auto decoded =
        QByteArray::fromBase64Encoding(value.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.contains(':'))
        return VerificationResult::failed(u"malformed_header"_s,
                                          u"header Authorization does not hold base64 of \"user:password\""_s);
    if (anySecretEquals(s.secrets, decoded.decoded))
        return VerificationResult::verified();
    const QByteArray user = decoded.decoded.left(decoded.decoded.indexOf(':'));
    return VerificationResult::failed(
        u"no_matching_signature"_s,
        u"user '%1' and password do not match any configured credentials"_s.arg(QString::fromUtf8(user)));
}

} // namespace inlet
