// libFuzzer target: Verifier::verify for every scheme with fuzzed headers and
// body, which drives each scheme's header parsers (Stripe-Signature,
// svix-signature lists, WorkOS-Signature, Basic credentials...). Input, as
// text so seeds stay readable:
//   <scheme> <now seconds> [<tolerance seconds>]
//   name: value
//   ...
//   <empty line>
//   body bytes
// An unknown scheme name picks one by its length. Secrets are the fixture
// secrets of tests/data/signatures.json, so real signatures can verify.
#include "verify/Verifier.h"

#include <QList>
#include <QPair>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

QStringList secretsFor(const QString &scheme)
{
    if (scheme == u"stripe"_s)
        return {u"whsec_old_rotated_secret"_s, u"whsec_Ks7mD2pQ9xV4rT8nB1wE6yH3uJ0zL5aC"_s};
    if (scheme == u"svix"_s)
        return {u"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"_s, u"v1,whsec_PDy7Q7gWV5oHxITFycJerT7JETdgeMmAdBqB3rwWkxw="_s,
                u"not base64 at all"_s};
    if (scheme == u"workos"_s)
        return {u"2sAZJlbjP8Ce3rwkKEv2GfKef"_s};
    if (scheme == u"segment"_s)
        return {u"segment_shared_secret_123"_s};
    if (scheme == u"hmac_sha256_base64"_s)
        return {u"census_whsec_Zq3Lr8Xp2Vt6Nb1"_s};
    if (scheme == u"basic"_s)
        return {u"abc123:"_s, u"fuzzuser:fuzzpass"_s};
    if (scheme == u"bearer"_s)
        return {u"pt_conn_secret_9f8e7d"_s};
    return {u"whk_live_5c1f0e"_s, QString()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArrayView rest(data, qsizetype(size));
    auto takeLine = [&rest]() {
        const qsizetype nl = rest.indexOf('\n');
        const QByteArrayView line = nl < 0 ? rest : rest.first(nl);
        rest = nl < 0 ? QByteArrayView() : rest.sliced(nl + 1);
        return line.endsWith('\r') ? line.chopped(1) : line;
    };

    const QList<QByteArray> first = takeLine().toByteArray().split(' ');
    QStringList schemes = inlet::VerificationSettings::knownSchemes();
    schemes.removeAll(u"script"_s); // decided by a script, not by Verifier
    QString scheme = QString::fromLatin1(first.value(0));
    if (!schemes.contains(scheme))
        scheme = schemes.at(first.value(0).size() % schemes.size());

    inlet::VerificationSettings settings;
    settings.scheme = scheme;
    settings.secrets = secretsFor(scheme);
    settings.toleranceS = first.size() > 2 ? first.at(2).toInt() : -1;
    if (scheme == u"shared_header"_s && first.size() > 3)
        settings.header = QString::fromLatin1(first.at(3)).toLower();

    QList<QPair<QByteArray, QByteArray>> headers;
    while (!rest.isEmpty()) {
        const QByteArrayView line = takeLine();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        headers.append(
            {line.first(colon).trimmed().toByteArray().toLower(), line.sliced(colon + 1).trimmed().toByteArray()});
    }

    inlet::VerificationRequest request;
    request.headers = &headers;
    request.rawBody = rest;
    // Any clock a machine can have (year 5138 at most); the headers carry the hostile times.
    request.nowMs = qBound(0LL, first.value(1).toLongLong(), 100000000000LL) * 1000;
    const inlet::VerificationResult result = inlet::Verifier::verify(settings, request);
    // A verdict always says why, and never repeats a secret the sender did
    // not send itself.
    const QByteArrayView input(data, qsizetype(size));
    if (result.status == inlet::VerificationResult::Status::Failed) {
        check(!result.reason.isEmpty());
        for (const QString &secret : std::as_const(settings.secrets)) {
            if (secret.size() >= 6 && !input.toByteArray().toLower().contains(secret.toUtf8().toLower()) &&
                result.reason.contains(secret)) {
                std::fprintf(stderr, "the reason quotes a secret: %s\n", qPrintable(result.reason));
                std::abort();
            }
        }
    }
    (void)result.statusName();
    return 0;
}
