// Verifications per second of each signature scheme, for a 1 KB and a 20 KB
// body, with Qt's QMessageAuthenticationCode HMAC-SHA256 of the same body as
// the baseline row of the same run (the cost of one HMAC alone, done with
// Qt's own implementation).
// Usage: bench_verify [CPU-SECONDS-PER-CASE]
// Rates are per core: verifications per second of CPU time of this thread.
#include "util/Crypto.h"
#include "verify/Verifier.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <QTextStream>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace inlet;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

constexpr qint64 kNowS = 1735689630;
constexpr qint64 kSignedAtS = 1735689600;

// A JSON-looking body of exactly `size` bytes.
QByteArray body(qsizetype size)
{
    QByteArray b = R"({"type":"invoice.paid","data":{"object":{"id":"in_1","lines":")";
    while (b.size() < size - 4)
        b += "abcdefghijklmnopqrstuvwxyz0123456789"[b.size() % 36];
    b += "\"}}}";
    return b.left(size);
}

struct Case
{
    QString name;
    VerificationSettings settings;
    Headers headers;
};

QList<Case> cases(const QByteArray &b)
{
    const QString secret = u"whsec_Ks7mD2pQ9xV4rT8nB1wE6yH3uJ0zL5aC"_s;
    const QByteArray t = QByteArray::number(kSignedAtS);
    const QByteArray svixKey = QByteArray::fromBase64("Ks7mD2pQ9xV4rT8nB1wE6yH3uJ0zL5aC");
    QList<Case> list;
    auto add = [&](const QString &name, const QString &scheme, const Headers &h) {
        Case c{name, {}, h};
        c.settings.scheme = scheme;
        c.settings.secrets = {secret};
        list.append(c);
    };
    const QByteArray stripeSig = crypto::hmacSha256(secret.toUtf8(), QByteArray(t + '.' + b)).toHex();
    add(u"stripe"_s, u"stripe"_s, {{"stripe-signature", QByteArray("t=" + t + ",v1=" + stripeSig)}});
    const QByteArray svixSig = crypto::hmacSha256(svixKey, QByteArray("msg_1." + t + '.' + b)).toBase64();
    add(u"svix"_s, u"svix"_s,
        {{"svix-id", "msg_1"}, {"svix-timestamp", t}, {"svix-signature", QByteArray("v1," + svixSig)}});
    const QByteArray tMs = t + "000";
    const QByteArray workosSig = crypto::hmacSha256(secret.toUtf8(), QByteArray(tMs + '.' + b)).toHex();
    add(u"workos"_s, u"workos"_s, {{"workos-signature", QByteArray("t=" + tMs + ", v1=" + workosSig)}});
    add(u"segment"_s, u"segment"_s, {{"x-signature", crypto::hmacSha1(secret.toUtf8(), b).toHex()}});
    add(u"hmac_sha256_base64"_s, u"hmac_sha256_base64"_s,
        {{"x-signature", crypto::hmacSha256(secret.toUtf8(), b).toBase64()}});
    add(u"shared_header"_s, u"shared_header"_s, {{"x-webhook-secret", secret.toUtf8()}});
    return list;
}

// Runs `once` in batches for `seconds` of CPU time; returns runs per second.
double rate(const std::function<bool()> &once, double seconds, bool *allOk)
{
    constexpr int batch = 64;
    qint64 runs = 0;
    const std::clock_t start = std::clock();
    const std::clock_t budget = std::clock_t(seconds * CLOCKS_PER_SEC);
    while (std::clock() - start < budget) {
        for (int i = 0; i < batch; ++i)
            *allOk &= once();
        runs += batch;
    }
    return runs / (double(std::clock() - start) / CLOCKS_PER_SEC);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 0.5;
    QTextStream out(stdout);
    out << qSetFieldWidth(34) << Qt::left << u"case"_s << qSetFieldWidth(16) << Qt::right << u"verifications/s"_s
        << u"us/verification"_s << u"x baseline"_s << qSetFieldWidth(0) << u"\n"_s;
    for (const qsizetype size : {qsizetype(1024), qsizetype(20 * 1024)}) {
        const QByteArray b = body(size);
        const QByteArray key = "whsec_Ks7mD2pQ9xV4rT8nB1wE6yH3uJ0zL5aC";
        bool ok = true;
        const double baseline =
            rate([&] { return !QMessageAuthenticationCode::hash(b, key, QCryptographicHash::Sha256).isEmpty(); },
                 seconds, &ok);
        auto row = [&](const QString &name, double perSecond) {
            out << qSetFieldWidth(34) << Qt::left << name << qSetFieldWidth(16) << Qt::right
                << QString::number(perSecond, 'f', 0) << QString::number(1e6 / perSecond, 'f', 2)
                << QString::number(perSecond / baseline, 'f', 2) << qSetFieldWidth(0) << u"\n"_s;
        };
        const QString suffix = u" (%1 KB)"_s.arg(size / 1024);
        row(u"baseline: Qt HMAC-SHA256"_s + suffix, baseline);
        for (const Case &c : cases(b)) {
            VerificationRequest r;
            r.headers = &c.headers;
            r.rawBody = b;
            r.nowMs = kNowS * 1000;
            const VerificationResult first = Verifier::verify(c.settings, r);
            if (first.status != VerificationResult::Status::Verified) {
                std::fprintf(stderr, "%s: %s\n", qPrintable(c.name), qPrintable(first.reason));
                return 1;
            }
            const double perSecond =
                rate([&] { return Verifier::verify(c.settings, r).status == VerificationResult::Status::Verified; },
                     seconds, &ok);
            row(c.name + suffix, perSecond);
        }
        if (!ok) {
            std::fprintf(stderr, "a verification failed during the run\n");
            return 1;
        }
    }
    return 0;
}
